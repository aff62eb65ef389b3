//! Text as kaohe shows it and names files after it, with no file, clock or
//! terminal: the characters that hide (`chars`), the escape that shows them
//! on a terminal (`escape`), and the one rule from a name to a file name
//! (`names`). The workbench, the commands and the cores all use these.

pub mod chars;
pub mod escape;
pub mod names;
