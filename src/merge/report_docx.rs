//! Word documents the office pastes from or prints: a title, lines of text
//! and tables, as the smallest WordprocessingML that Word, WPS and
//! LibreOffice open. Home-made: the one maintained crate for writing .docx
//! (docx-rs) is not in the build, and these documents need only
//! paragraphs and plain tables.

use std::io::Write;

/// One block of a document, in order.
pub enum Block {
    /// A heading, centred and bold.
    Title(String),
    /// A line of text.
    Line(String),
    /// A table: its header row, then its rows.
    Table {
        header: Vec<String>,
        rows: Vec<Vec<String>>,
    },
}

/// Text as XML character data: the five specials escaped, and characters
/// XML 1.0 forbids (controls but tab and line breaks) left out.
fn xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(' '),
            c if (c as u32) < 0x20 || c == '\u{fffe}' || c == '\u{ffff}' => {}
            c => out.push(c),
        }
    }
    out
}

fn paragraph(text: &str, bold: bool, centred: bool) -> String {
    let properties = if centred {
        "<w:pPr><w:jc w:val=\"center\"/></w:pPr>"
    } else {
        ""
    };
    let run = if bold {
        "<w:rPr><w:b/><w:sz w:val=\"32\"/></w:rPr>"
    } else {
        ""
    };
    format!(
        "<w:p>{properties}<w:r>{run}<w:t xml:space=\"preserve\">{}</w:t></w:r></w:p>",
        xml(text)
    )
}

fn cell(text: &str, header: bool) -> String {
    let run = if header { "<w:rPr><w:b/></w:rPr>" } else { "" };
    format!(
        "<w:tc><w:tcPr><w:tcW w:w=\"0\" w:type=\"auto\"/></w:tcPr><w:p><w:r>{run}<w:t xml:space=\"preserve\">{}</w:t></w:r></w:p></w:tc>",
        xml(text)
    )
}

fn table(header: &[String], rows: &[Vec<String>]) -> String {
    let border = |side: &str| format!("<w:{side} w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>");
    let borders: String = ["top", "left", "bottom", "right", "insideH", "insideV"]
        .iter()
        .map(|s| border(s))
        .collect();
    let mut out = format!(
        "<w:tbl><w:tblPr><w:tblW w:w=\"5000\" w:type=\"pct\"/><w:tblBorders>{borders}</w:tblBorders></w:tblPr>"
    );
    out.push_str("<w:tr><w:trPr><w:tblHeader/></w:trPr>");
    for h in header {
        out.push_str(&cell(h, true));
    }
    out.push_str("</w:tr>");
    for row in rows {
        out.push_str("<w:tr>");
        for c in row {
            out.push_str(&cell(c, false));
        }
        out.push_str("</w:tr>");
    }
    out.push_str("</w:tbl><w:p/>");
    out
}

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#;

const RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#;

/// The document's bytes (.docx). The same blocks always give the same bytes.
pub fn docx(blocks: &[Block]) -> std::io::Result<Vec<u8>> {
    let mut body = String::new();
    for block in blocks {
        match block {
            Block::Title(t) => body.push_str(&paragraph(t, true, true)),
            Block::Line(t) => body.push_str(&paragraph(t, false, false)),
            Block::Table { header, rows } => body.push_str(&table(header, rows)),
        }
    }
    let document = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>{body}<w:sectPr><w:pgSz w:w=\"11906\" w:h=\"16838\"/><w:pgMar w:top=\"1440\" w:right=\"1440\" w:bottom=\"1440\" w:left=\"1440\" w:header=\"720\" w:footer=\"720\" w:gutter=\"0\"/></w:sectPr></w:body></w:document>"
    );
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    // A fixed time: the same document, the same bytes.
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::default());
    for (name, text) in [
        ("[Content_Types].xml", CONTENT_TYPES),
        ("_rels/.rels", RELS),
        ("word/document.xml", document.as_str()),
    ] {
        zip.start_file(name, options).map_err(std::io::Error::other)?;
        zip.write_all(text.as_bytes())?;
    }
    Ok(zip.finish().map_err(std::io::Error::other)?.into_inner())
}

#[cfg(test)]
mod tests {
    use super::{Block, docx, xml};

    #[test]
    fn text_is_escaped_and_controls_are_dropped() {
        assert_eq!(xml("a<b>&\"c'\u{1}\td"), "a&lt;b&gt;&amp;&quot;c&apos; d");
    }

    #[test]
    fn a_document_is_a_zip_with_its_three_parts_and_the_text() {
        let bytes = docx(&[
            Block::Title("通报".into()),
            Block::Table {
                header: vec!["名次".into(), "地区".into()],
                rows: vec![vec!["1".into(), "惠城区<".into()]],
            },
        ])
        .expect("docx");
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes.clone())).expect("zip");
        let mut text = String::new();
        std::io::Read::read_to_string(&mut zip.by_name("word/document.xml").expect("document"), &mut text)
            .expect("read");
        assert!(text.contains("惠城区&lt;") && text.contains("<w:tbl>"), "{text}");
        assert!(zip.by_name("[Content_Types].xml").is_ok() && zip.by_name("_rels/.rels").is_ok());
        assert_eq!(
            bytes,
            docx(&[
                Block::Title("通报".into()),
                Block::Table {
                    header: vec!["名次".into(), "地区".into()],
                    rows: vec![vec!["1".into(), "惠城区<".into()]]
                }
            ])
            .expect("docx"),
            "the same bytes"
        );
    }
}
