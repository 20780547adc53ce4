//! `newsgraph entity show|merge|split`: the registry record of an entity, and the
//! corrections that persist in the store (later ingests respect them).

use super::store::StoreArgs;
use anyhow::Context;
use newsgraph_store::EntityPage;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// Data directory [default: $NEWSGRAPH_DATA, else $XDG_DATA_HOME/newsgraph, else
    /// ~/.local/share/newsgraph].
    #[arg(long, value_name = "DIR", global = true)]
    data: Option<PathBuf>,
    /// A PostgreSQL store instead: postgres://USER[:PASSWORD]@HOST:PORT/DB.
    #[arg(
        long,
        value_name = "URL",
        env = "NEWSGRAPH_STORE",
        global = true,
        conflicts_with = "data"
    )]
    store: Option<String>,
    /// Print JSON instead of text.
    #[arg(long, global = true)]
    json: bool,
    #[command(subcommand)]
    command: EntityCommand,
}

#[derive(clap::Subcommand)]
enum EntityCommand {
    /// Print the registry record of an entity, by ref (`person:gordon brown`) or name.
    Show { name_or_ref: String },
    /// Merge registry entity FROM into INTO (same kind); recorded, and respected by later ingests.
    Merge {
        #[arg(value_name = "FROM")]
        from: String,
        #[arg(value_name = "INTO")]
        into: String,
    },
    /// Move the entity REF of one article into a new registry entity.
    Split {
        #[arg(value_name = "REF")]
        entity_ref: String,
        /// The article (its id) whose entity moves.
        #[arg(long, value_name = "ID")]
        article: String,
    },
}

pub fn run(a: Args) -> anyhow::Result<ExitCode> {
    let opened = StoreArgs {
        data: a.data,
        store: a.store,
    }
    .open_existing(2)?;
    let store = opened.store();
    match a.command {
        EntityCommand::Show { name_or_ref } => {
            let page = match store.entity(&name_or_ref)? {
                Some(p) => p,
                None => {
                    let found = store.find_entities(&name_or_ref, 10)?;
                    match found.as_slice() {
                        [] => anyhow::bail!("no entity with ref or name {name_or_ref:?}"),
                        [one] => store
                            .entity(&one.key)?
                            .with_context(|| format!("entity {} vanished", one.key))?,
                        many => {
                            eprintln!("{name_or_ref:?} names {} entities:", many.len());
                            for e in many {
                                eprintln!("  {}  {} ({} articles)", e.key, e.name, e.articles);
                            }
                            anyhow::bail!("ambiguous name; show one by its ref");
                        }
                    }
                }
            };
            if a.json {
                println!("{}", serde_json::to_string_pretty(&page)?);
            } else {
                print!("{}", render(&page));
            }
        }
        EntityCommand::Merge { from, into } => {
            let out = store.merge_entities(&from, &into)?;
            store.commit()?;
            if a.json {
                println!("{}", serde_json::to_string(&out)?);
            } else {
                println!(
                    "merged {} into {} ({} article entities moved)",
                    out.from, out.into, out.mentions_moved
                );
            }
        }
        EntityCommand::Split {
            entity_ref,
            article,
        } => {
            let out = store.split_entity(&entity_ref, &article)?;
            store.commit()?;
            if a.json {
                println!("{}", serde_json::to_string(&out)?);
            } else {
                println!(
                    "split the entity of article {} off {} into {}",
                    out.article_id, out.from, out.new_ref
                );
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// The record as text: the head, then one section per part.
fn render(p: &EntityPage) -> String {
    let mut s = format!(
        "{} [{:?}]  ref {}\n  {} mentions in {} articles\n",
        p.name, p.kind, p.key, p.mention_count, p.article_count
    );
    if !p.alias_counts.is_empty() {
        s.push_str("aliases:\n");
        for a in &p.alias_counts {
            s.push_str(&format!("  {:>5}  {}\n", a.count, a.text));
        }
    }
    if !p.descriptors.is_empty() {
        s.push_str("descriptors:\n");
        for d in &p.descriptors {
            let span = match (&d.first_seen, &d.last_seen) {
                (Some(f), Some(l)) if f != l => format!("  ({f} – {l})"),
                (Some(f), _) => format!("  ({f})"),
                _ => String::new(),
            };
            s.push_str(&format!("  {:>5}  {}{span}\n", d.count, d.text));
        }
    }
    if !p.outlets.is_empty() {
        s.push_str("outlets:\n");
        for o in &p.outlets {
            s.push_str(&format!("  {:>5}  {}\n", o.count, o.value));
        }
    }
    if !p.merged_from.is_empty() {
        s.push_str(&format!("merged from: {}\n", p.merged_from.join(", ")));
    }
    if !p.quote_groups.is_empty() {
        s.push_str(&format!("quotes ({} distinct):\n", p.quote_groups.len()));
        for g in p.quote_groups.iter().take(50) {
            let t: String = g.first.quote.text.chars().take(140).collect();
            s.push_str(&format!(
                "  {}  “{t}”  — {} article(s){}\n",
                g.first.article.published.as_deref().unwrap_or("????-??-??"),
                g.articles.len(),
                if g.outlets.is_empty() {
                    String::new()
                } else {
                    format!(" in {}", g.outlets.join(", "))
                }
            ));
        }
    }
    let made: Vec<_> = p
        .claims
        .iter()
        .filter(|c| matches!(c.claim.stance, newsgraph_model::Stance::Assert))
        .collect();
    let denied: Vec<_> = p
        .claims
        .iter()
        .filter(|c| !matches!(c.claim.stance, newsgraph_model::Stance::Assert))
        .collect();
    for (label, list) in [("claims made", made), ("denials and doubts", denied)] {
        if list.is_empty() {
            continue;
        }
        s.push_str(&format!("{label} ({}):\n", list.len()));
        for c in list.iter().take(30) {
            let t: String = c.claim.content.chars().take(140).collect();
            s.push_str(&format!(
                "  {}  {t}\n",
                c.article.published.as_deref().unwrap_or("????-??-??")
            ));
        }
    }
    s.push_str(&format!(
        "articles ({} newest):\n",
        p.articles.len().min(20)
    ));
    for a in p.articles.iter().take(20) {
        s.push_str(&format!(
            "  {}  {}  {}\n",
            a.published.as_deref().unwrap_or("????-??-??"),
            a.id,
            a.title.as_deref().unwrap_or("")
        ));
    }
    s
}
