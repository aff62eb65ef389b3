//! Byte offsets to 1-based line numbers, for every diagnostic that points
//! into a file (rubrics, keymaps, settings, trust files).
//!
//! Built once per file and answered by binary search: counting newlines from
//! the start for every value made loading a large rubric quadratic.

pub struct LineIndex {
    /// Byte offset at which each line starts; the first is 0.
    starts: Vec<usize>,
    len: usize,
}

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        let starts = std::iter::once(0)
            .chain(
                text.bytes()
                    .enumerate()
                    .filter(|&(_, b)| b == b'\n')
                    .map(|(i, _)| i + 1),
            )
            .collect();
        LineIndex {
            starts,
            len: text.len(),
        }
    }

    /// The 1-based line of a byte offset (an offset past the end is on the last line).
    pub fn line(&self, offset: usize) -> usize {
        let offset = offset.min(self.len);
        // The number of line starts at or before the offset is its line.
        self.starts.partition_point(|&start| start <= offset)
    }
}

#[cfg(test)]
mod tests {
    use super::LineIndex;

    fn counted(text: &str, offset: usize) -> usize {
        text.as_bytes()[..offset.min(text.len())]
            .iter()
            .filter(|&&b| b == b'\n')
            .count()
            + 1
    }

    #[test]
    fn agrees_with_counting_newlines_at_every_offset() {
        for text in ["", "a", "\n", "a\nb", "a\n\nb\n", "中文\n行\r\nx"] {
            let index = LineIndex::new(text);
            for offset in 0..=text.len() + 2 {
                assert_eq!(index.line(offset), counted(text, offset), "{text:?} at {offset}");
            }
        }
    }
}
