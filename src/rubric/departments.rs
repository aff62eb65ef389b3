//! Naming a department the way people do: the full name, any alias the
//! rubric lists, or an unambiguous fragment such as 水利.

use super::model::{Department, Rubric};

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DepartmentError {
    #[error("no department of {rubric} matches \"{query}\"; its departments: {}", .known.join("、"))]
    Unknown {
        rubric: String,
        query: String,
        known: Vec<String>,
    },
    #[error("\"{query}\" matches several departments of {rubric}: {}; type more of the name", .candidates.join("、"))]
    Ambiguous {
        rubric: String,
        query: String,
        candidates: Vec<String>,
    },
}

/// Input methods type a full-width space (U+3000); treat it as a space.
pub fn normalize(query: &str) -> String {
    query.replace('\u{3000}', " ").trim().to_string()
}

impl Rubric {
    pub fn find_department(&self, query: &str) -> Result<&Department, DepartmentError> {
        let q = normalize(query);
        let spellings =
            |d: &'_ Department| -> Vec<String> { std::iter::once(&d.name).chain(&d.aliases).cloned().collect() };
        if let Some(exact) = self.departments.iter().find(|d| spellings(d).contains(&q)) {
            return Ok(exact);
        }
        let matches: Vec<&Department> = if q.is_empty() {
            Vec::new()
        } else {
            self.departments
                .iter()
                .filter(|d| spellings(d).iter().any(|s| s.contains(&q)))
                .collect()
        };
        match matches.as_slice() {
            [one] => Ok(one),
            [] => Err(DepartmentError::Unknown {
                rubric: self.id.clone(),
                query: query.to_string(),
                known: self.departments.iter().map(|d| d.name.clone()).collect(),
            }),
            many => Err(DepartmentError::Ambiguous {
                rubric: self.id.clone(),
                query: query.to_string(),
                candidates: many.iter().map(|d| d.name.clone()).collect(),
            }),
        }
    }
}
