//! The WCXB gold format: `html/ID.html.gz` and `ground-truth/ID.json` with
//! `{url, ground_truth: {main_content, title, author, publish_date, ...}}`.

use std::path::Path;

/// One gold page.
#[derive(Debug, Clone)]
pub struct WcxbPage {
    pub id: String,
    pub url: Option<String>,
    pub html: String,
    pub gold: String,
    pub title: Option<String>,
    pub author: Option<String>,
    pub date: Option<String>,
}

fn s(v: &serde_json::Value) -> Option<String> {
    v.as_str()
        .map(str::to_string)
        .filter(|x| !x.trim().is_empty())
}

/// Loads up to `limit` pages (sorted by id) from a WCXB folder.
pub fn load_wcxb(dir: &Path, limit: Option<usize>) -> Result<Vec<WcxbPage>, String> {
    let gt_dir = dir.join("ground-truth");
    let mut ids: Vec<String> =
        newsgraph_nlp::corpus::files_under(&gt_dir, ".json", newsgraph_nlp::corpus::Depth::Flat)
            .map_err(|e| e.to_string())?
            .iter()
            .filter_map(|p| {
                p.file_name()?
                    .to_str()?
                    .strip_suffix(".json")
                    .map(str::to_string)
            })
            .collect();
    ids.sort();
    if let Some(l) = limit {
        ids.truncate(l);
    }
    let mut pages = Vec::with_capacity(ids.len());
    for id in ids {
        let gt_path = gt_dir.join(format!("{id}.json"));
        let gt: serde_json::Value = std::fs::read(&gt_path)
            .map_err(|e| e.to_string())
            .and_then(|b| serde_json::from_slice(&b).map_err(|e| e.to_string()))
            .map_err(|e| format!("{}: {e}", gt_path.display()))?;
        let g = &gt["ground_truth"];
        let Some(gold) = s(&g["main_content"]) else {
            continue;
        };
        let html_path = ["html.gz", "html"]
            .iter()
            .map(|ext| dir.join("html").join(format!("{id}.{ext}")))
            .find(|p| p.exists());
        let Some(html_path) = html_path else { continue };
        let bytes =
            std::fs::read(&html_path).map_err(|e| format!("{}: {e}", html_path.display()))?;
        let bytes = newsgraph_read::format::decompress(bytes, 64 << 20)
            .map_err(|e| format!("{}: {e}", html_path.display()))?;
        pages.push(WcxbPage {
            id,
            url: s(&gt["url"]),
            html: newsgraph_read::format::decode_html(&bytes),
            gold,
            title: s(&g["title"]),
            author: s(&g["author"]),
            date: s(&g["publish_date"]),
        });
    }
    Ok(pages)
}
