//! Every rubric kaohe knows at once: the bundled ones (those that load) and
//! any the user named. The office verifies files against it and resolves a
//! department named on the command line through it; `keygen`, `trust` and
//! `verify` share it.

use super::Rubric;
use std::collections::BTreeSet;

/// The rubrics a command works with.
#[derive(Debug, Clone, Default)]
pub struct Catalog {
    rubrics: Vec<Rubric>,
}

/// A department named that no rubric of the catalog has, or several.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NamedError {
    #[error(
        "\"{query}\" is no department's name or alias in {}; give the department's name as the rubric spells it{}",
        .rubrics.join(", "),
        if .known.is_empty() { String::new() } else { format!(": {}", .known.join("、")) }
    )]
    Unknown {
        query: String,
        rubrics: Vec<String>,
        /// The departments, when the catalog is one rubric's.
        known: Vec<String>,
    },
    #[error("\"{query}\" could be {}; give the department's full name (or --rubric)", .candidates.join(", "))]
    Ambiguous { query: String, candidates: Vec<String> },
}

impl Catalog {
    /// The bundled rubrics that load (all of them, unless one was edited badly).
    pub fn bundled() -> Catalog {
        Catalog {
            rubrics: super::bundled::bundled()
                .iter()
                .filter_map(|b| super::check(&b.file, b.text).into_result().ok())
                .collect(),
        }
    }

    /// One rubric alone: what its departments say decides.
    pub fn only(rubric: Rubric) -> Catalog {
        Catalog { rubrics: vec![rubric] }
    }

    /// `rubric` too (a file the user named).
    pub fn with(mut self, rubric: Rubric) -> Catalog {
        self.rubrics.push(rubric);
        self
    }

    pub fn rubrics(&self) -> &[Rubric] {
        &self.rubrics
    }

    /// The rubric with this id.
    pub fn get(&self, id: &str) -> Option<&Rubric> {
        self.rubrics.iter().find(|r| r.id == id)
    }

    /// Whether some rubric has a department of exactly this name.
    pub fn has_department(&self, name: &str) -> bool {
        self.rubrics
            .iter()
            .any(|r| r.departments.iter().any(|d| d.name == name))
    }

    /// The department a user's words name, as the rubrics spell it: a
    /// name or an alias in any rubric (质监局 → 质监部门), else a fragment
    /// that only one department's name or alias holds (水利 alone is two
    /// rubrics' departments: which one is asked).
    pub fn department_named(&self, query: &str) -> Result<String, NamedError> {
        let query = query.trim();
        let (mut exact, mut partial) = (BTreeSet::new(), BTreeSet::new());
        for r in &self.rubrics {
            if let Ok(d) = r.find_department(query) {
                let spelled = d.name == query || d.aliases.iter().any(|a| a == query);
                if spelled { &mut exact } else { &mut partial }.insert(d.name.clone());
            }
        }
        let found = if exact.is_empty() { partial } else { exact };
        let mut found = found.into_iter();
        match (found.next(), found.next()) {
            (Some(one), None) => Ok(one),
            (None, _) => Err(NamedError::Unknown {
                query: query.to_string(),
                rubrics: self.rubrics.iter().map(|r| r.id.clone()).collect(),
                known: match self.rubrics.as_slice() {
                    [one] => one.departments.iter().map(|d| d.name.clone()).collect(),
                    _ => Vec::new(),
                },
            }),
            (Some(a), Some(b)) => Err(NamedError::Ambiguous {
                query: query.to_string(),
                candidates: [a, b].into_iter().chain(found).collect(),
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{Catalog, NamedError};

    #[test]
    fn a_department_is_named_by_name_alias_or_a_fragment_only_it_holds() {
        let all = Catalog::bundled();
        assert_eq!(all.department_named("质监局").as_deref(), Ok("质监部门"));
        assert_eq!(
            all.department_named(" 市水利和湖泊局 ").as_deref(),
            Ok("市水利和湖泊局")
        );
        assert!(matches!(
            all.department_named("水利"),
            Err(NamedError::Ambiguous { .. })
        ));
        assert!(matches!(
            all.department_named("某某局"),
            Err(NamedError::Unknown { .. })
        ));
        let suizhou = all.get("suizhou-2022").cloned().expect("bundled");
        assert_eq!(
            Catalog::only(suizhou).department_named("水利").as_deref(),
            Ok("市水利和湖泊局")
        );
    }
}
