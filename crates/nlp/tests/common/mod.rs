//! What the entity tests share: one paragraph through `segment` and `entities` with the
//! shipped model.

use newsgraph_model::{Article, BlockKind};

/// `text` as one paragraph, segmented, with its entities.
pub fn analyse(text: &str) -> Article {
    let mut a = Article::from_blocks(
        Default::default(),
        None,
        &[(BlockKind::Paragraph, text.to_string())],
    );
    let model = newsgraph_nlp::EntityModel::load_default().expect("model");
    newsgraph_nlp::segment(&mut a);
    newsgraph_nlp::entities(&mut a, &model);
    a
}
