//! `newsgraph train clusters` end to end on small treebank, page and CoNLL files: it
//! writes a cluster table `train syntax --clusters` reads; bad input names itself.

use std::process::Command;

mod common;
use common::{TempDir, BIN};

#[test]
fn clusters_are_learned_from_every_kind_of_source_and_bad_input_names_itself() {
    let dir = TempDir::new("train-clusters");
    let conllu = dir.0.join("t.conllu");
    let mut src = String::from("# newdoc id = d1\n");
    for (n, v) in [("dogs", "bark"), ("cats", "sleep"), ("dogs", "sleep")] {
        src.push_str(&format!(
            "1\t{n}\t{n}\tNOUN\tNNS\t_\t2\tnsubj\t_\t_\n2\t{v}\t{v}\tVERB\tVBP\t_\t0\troot\t_\t_\n\n"
        ));
    }
    std::fs::write(&conllu, src).unwrap();
    let pages = dir.0.join("pages");
    std::fs::create_dir_all(&pages).unwrap();
    std::fs::write(
        pages.join("1.json"),
        r#"{"ground_truth": {"main_content": "cats bark\nbirds sing"}}"#,
    )
    .unwrap();
    let conll = dir.0.join("t.conll");
    std::fs::write(&conll, "birds O\nbark O\n\ncats O\nsing O\n").unwrap();
    let out = dir.0.join("clusters.tsv");
    let run = |pages: &std::path::Path| {
        Command::new(BIN)
            .args([
                "train",
                "clusters",
                "--min-count",
                "2",
                "--coarse",
                "2",
                "--fine",
                "2",
            ])
            .arg("--conllu")
            .arg(&conllu)
            .arg("--pages")
            .arg(pages)
            .arg("--conll")
            .arg(&conll)
            .arg("--out")
            .arg(&out)
            .output()
            .unwrap()
    };
    let o = run(&pages);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let table = std::fs::read_to_string(&out).unwrap();
    assert!(table.starts_with("# word clusters"), "{table}");
    assert!(table.contains("(1 pages)"), "{table}");
    // Seen at least twice over the three sources: dogs cats birds bark sleep sing.
    let forms: Vec<&str> = table
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| l.split('\t').next())
        .collect();
    assert_eq!(forms, ["bark", "birds", "cats", "dogs", "sing", "sleep"]);

    std::fs::write(pages.join("2.json"), "not json").unwrap();
    let o = run(&pages);
    assert!(!o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("2.json"), "{err}");
}
