//! `kaohe search - QUERY`: lines from stdin, the matching ones back, best
//! first, as `fzf --filter` does, with the workbench's pinyin matcher.
// Test code: a failed unwrap, expect or panic is how a test says where it failed.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn search(query: &[&str], input: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_kaohe"))
        .arg("search")
        .args(query)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run kaohe");
    let mut stdin = child.stdin.take().expect("stdin");
    // kaohe may refuse its arguments and exit before reading: a broken pipe then is expected.
    let _ = stdin.write_all(input);
    drop(stdin);
    child.wait_with_output().expect("kaohe output")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

const LINES: &str = "水利工程质量监督\n特种设备安全监察\n食品安全抽检\n特殊教育\n";

#[test]
fn pinyin_initials_find_the_chinese_line() {
    let o = search(&["-", "tzsb"], LINES.as_bytes());
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(stdout(&o), "特种设备安全监察\n");
    let o = search(&["-", "shuili"], LINES.as_bytes());
    assert_eq!(stdout(&o), "水利工程质量监督\n");
}

#[test]
fn hits_come_best_first_and_only_hits() {
    let o = search(&["-", "特"], LINES.as_bytes());
    let out = stdout(&o);
    let got: Vec<&str> = out.lines().collect();
    assert_eq!(got.len(), 2, "{out}");
    assert!(got.contains(&"特种设备安全监察") && got.contains(&"特殊教育"), "{out}");
    // "anquan" spelled out beats a scattered match of the same letters.
    let o = search(&["-", "anquan"], "安全\n按时全面\n".as_bytes());
    assert_eq!(stdout(&o).lines().next(), Some("安全"), "{}", stdout(&o));
}

#[test]
fn no_match_exits_1_with_nothing_printed() {
    let o = search(&["-", "xyzxyz"], LINES.as_bytes());
    assert_eq!(o.status.code(), Some(1));
    assert!(o.stdout.is_empty());
}

/// A rubric's search says "nothing found" the same way as the lines mode.
#[test]
fn no_item_matching_exits_1_too() {
    let o = search(&["suizhou-2022", "xyzxyzqq"], b"");
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    assert!(o.stdout.is_empty());
    let o = search(&["suizhou-2022", "tzsb"], b"");
    assert!(o.status.success());
}

#[test]
fn a_blank_query_passes_every_line_in_order() {
    let o = search(&["-", ""], LINES.as_bytes());
    assert!(o.status.success());
    assert_eq!(stdout(&o), LINES);
}

#[test]
fn lines_come_back_byte_for_byte() {
    // A CRLF line and a line that is not UTF-8 still match by their text.
    let input = b"\xe7\x89\xb9\xe7\xa7\x8d\xff\r\nother\n";
    let o = search(&["-", "tz"], input);
    assert!(o.status.success());
    assert_eq!(o.stdout, b"\xe7\x89\xb9\xe7\xa7\x8d\xff\r\n");
}

#[test]
fn dept_has_no_meaning_for_lines() {
    let o = search(&["-", "tz", "--dept", "水利"], LINES.as_bytes());
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("--dept"));
}

/// Lines are ranked as fzf ranks them (fuzzy-matcher over the pinyin), not
/// as the rubric search ranks items (which also reads their criteria): the
/// command prints what the library's lines index finds, in its order.
#[test]
fn lines_come_out_as_the_lines_index_ranks_them() {
    let rubric = kaohe::io::rubric_files::find("suizhou-2022").expect("bundled");
    let texts: Vec<String> = rubric.items.iter().map(kaohe::search::item_text).collect();
    let index = kaohe::search::SearchIndex::from_lines(texts.clone());
    let expected: Vec<&str> = index.search("zl").iter().map(|h| texts[h.index].as_str()).collect();
    assert!(expected.len() > 3, "{expected:?}");
    let input: String = texts.iter().map(|t| format!("{t}\n")).collect();
    let o = search(&["-", "zl"], input.as_bytes());
    assert_eq!(stdout(&o).lines().collect::<Vec<_>>(), expected);
}
