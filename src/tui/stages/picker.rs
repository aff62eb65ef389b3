//! A searchable list on the start screens (rubrics, departments): the filter
//! is matched with the same fuzzy + pinyin matcher as the item search, so
//! `shuili` finds 水利.

use crate::search::{Entry, SearchIndex};
use crate::tui::text::TextField;

/// One entry of a start-screen list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice {
    /// What is passed on when chosen (a rubric id or path, a department name).
    pub value: String,
    /// What is shown.
    pub label: String,
    pub detail: String,
    /// Also matched by the filter, not shown (a department's aliases).
    pub keywords: String,
    /// Why it cannot be chosen (a department with nothing to score), said
    /// when Enter is pressed on it; None for a choice that can be.
    pub refused: Option<String>,
}

#[derive(Clone)]
pub struct Picker {
    choices: Vec<Choice>,
    filter: TextField,
    /// Index into `choices` of the highlighted entry.
    cursor: usize,
    /// Indices of the choices the filter lets through, best match first:
    /// computed when the filter changes, read by every key and frame.
    visible: Vec<usize>,
    index: SearchIndex,
}

impl std::fmt::Debug for Picker {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Picker")
            .field("filter", &self.filter)
            .field("cursor", &self.cursor)
            .finish_non_exhaustive()
    }
}

impl Picker {
    pub fn new(choices: Vec<Choice>, preselect: Option<&str>) -> Picker {
        let cursor = preselect
            .and_then(|p| choices.iter().position(|c| c.value == p))
            .unwrap_or(0);
        // What the list shows weighs most; the issuer (惠州市质量强市…) is
        // searched after it, so that `sz` means 随州 before 市质.
        let index = SearchIndex::from_entries(choices.iter().enumerate().map(|(i, c)| {
            Entry {
                key: i.to_string(),
                text: if c.label.contains(&c.value) {
                    c.label.clone()
                } else {
                    format!("{} {}", c.label, c.value)
                },
                details: Some(c.keywords.clone())
                    .filter(|k| !k.trim().is_empty())
                    .into_iter()
                    .collect(),
                owners: Vec::new(),
            }
        }));
        Picker {
            visible: (0..choices.len()).collect(),
            choices,
            filter: TextField::default(),
            cursor,
            index,
        }
    }

    pub fn choices(&self) -> &[Choice] {
        &self.choices
    }

    pub fn filter(&self) -> &TextField {
        &self.filter
    }

    /// The filter, for typing into; call [`Picker::filter_changed`] after.
    pub fn filter_mut(&mut self) -> &mut TextField {
        &mut self.filter
    }

    pub fn cursor(&self) -> usize {
        self.cursor
    }

    pub fn visible(&self) -> &[usize] {
        &self.visible
    }

    /// The filter changed: match again, and put the cursor on the best match
    /// (the one Enter takes): a value typed whole comes first.
    pub fn filter_changed(&mut self) {
        self.visible = if self.filter.text().trim().is_empty() {
            (0..self.choices.len()).collect()
        } else {
            let mut found: Vec<usize> = self.index.search(self.filter.text()).iter().map(|h| h.index).collect();
            // A value typed whole (`huizhou-2017`) is the one meant, before
            // the longer ones it starts (`huizhou-2017-onsite`).
            let typed = self.filter.text().trim();
            if let Some(at) = found
                .iter()
                .position(|&i| self.choices[i].value.eq_ignore_ascii_case(typed))
            {
                let exact = found.remove(at);
                found.insert(0, exact);
            }
            found
        };
        if let Some(&first) = self.visible.first() {
            self.cursor = first;
        }
    }

    /// An empty filter shows every choice again; the cursor stays where it was.
    pub fn clear_filter(&mut self) {
        self.filter = TextField::default();
        self.visible = (0..self.choices.len()).collect();
    }

    /// Where the cursor is among the visible choices.
    pub fn position(&self) -> usize {
        self.visible.iter().position(|&i| i == self.cursor).unwrap_or(0)
    }

    pub fn selected(&self) -> Option<&Choice> {
        self.visible.get(self.position()).and_then(|&i| self.choices.get(i))
    }

    pub fn step(&mut self, delta: isize) {
        if self.visible.is_empty() {
            return;
        }
        let next = crate::scoring::session::step(self.position(), delta, self.visible.len());
        self.cursor = self.visible[next];
    }
}
