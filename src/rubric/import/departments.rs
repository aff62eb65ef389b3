//! A 负责部门 cell read as a person reads it: a list of departments, or a
//! split of the item's numbered parts among them (`1、2、4项由…负责；3项由…
//! 负责`), with lead and supporting roles (`牵头`, `配合`), a suffix shared
//! by the list (`科技、质监、检验检疫部门`), and the words that name no
//! department: the assessed (`各镇（街道）`, `县（市、区）政府`) and the
//! collective (`各成员单位`, `有关部门`), set aside for the office.

/// What one cell says about who scores.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Responsibility {
    /// Every department named, lead first (the 牵头 ones, then the rest).
    pub departments: Vec<String>,
    /// The numbered parts and their departments, when the cell splits the
    /// item among them: part numbers (1-based) and departments.
    pub parts: Vec<(Vec<u32>, Vec<String>)>,
    /// Words that are no department, and what they are.
    pub set_aside: Vec<(String, SetAside)>,
    /// A name read differently from how it is written: (written, read as).
    pub normalised: Vec<(String, String)>,
    /// The cell said who leads and who supports.
    pub roles: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SetAside {
    /// The assessed themselves (各镇（街道）, 各县区): they are scored, not scorers.
    Assessed,
    /// Every member unit, the relevant departments: no one department can sign.
    Collective,
}

impl SetAside {
    pub fn words(self) -> &'static str {
        match self {
            SetAside::Assessed => "是被考核对象，不是评分部门",
            SetAside::Collective => "泛指多个单位，不是一个能签名的部门",
        }
    }
}

impl Responsibility {
    /// The cell said more than a plain list of names: its words are kept
    /// beside the list (`departments_text`) and the reading is to confirm.
    pub fn is_interpreted(&self) -> bool {
        !self.parts.is_empty() || !self.set_aside.is_empty() || !self.normalised.is_empty() || self.roles
    }

    /// The departments of numbered part `n`, when the cell splits by part.
    pub fn of_part(&self, n: u32) -> Option<&[String]> {
        self.parts
            .iter()
            .find(|(numbers, _)| numbers.contains(&n))
            .map(|(_, names)| names.as_slice())
    }
}

/// Endings that make a name a department (or an office) on its own.
const DEPARTMENT_ENDINGS: &[&str] = &[
    "部门",
    "局",
    "委",
    "委员会",
    "办",
    "办公室",
    "院",
    "厅",
    "中心",
    "机关",
    "公司",
    "所",
    "站",
    "队",
    "会",
    "处",
    "科",
    "室",
    "组",
    "海关",
    "银行",
    "政府",
];

/// Closing words of a list that stand for "and the other departments".
const ETC: &[(&str, &str)] = &[
    ("等有关部门", "部门"),
    ("等相关部门", "部门"),
    ("等部门", "部门"),
    ("等有关单位", "单位"),
    ("等相关单位", "单位"),
    ("等单位", "单位"),
    ("等", ""),
];

pub fn read(cell: &str) -> Responsibility {
    let mut out = Responsibility::default();
    let mut lead: Vec<String> = Vec::new();
    let mut rest: Vec<String> = Vec::new();
    for clause in split_outside_brackets(cell, &['；', ';', '。', '\n']) {
        let clause = clause.trim();
        if clause.is_empty() {
            continue;
        }
        let (numbers, names_text) = match part_clause(clause) {
            Some((numbers, names)) => (Some(numbers), names),
            None => (None, clause),
        };
        let (role, names_text) = role_prefix(names_text);
        out.roles |= role.is_some();
        let names = names_in(names_text, &mut out);
        for name in &names {
            let (name, marked) = strip_role_mark(name);
            out.roles |= marked.is_some();
            let leads = role == Some(Role::Lead) || marked == Some(Role::Lead);
            let list = if leads { &mut lead } else { &mut rest };
            if !list.contains(&name) {
                list.push(name);
            }
        }
        if let Some(numbers) = numbers {
            let names = names.iter().map(|n| strip_role_mark(n).0).collect();
            out.parts.push((numbers, names));
        }
    }
    rest.retain(|n| !lead.contains(n));
    out.departments = lead.into_iter().chain(rest).collect();
    out
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Lead,
    Support,
}

/// `牵头：市质监局` / `配合单位：…`: the role and the names after it.
fn role_prefix(text: &str) -> (Option<Role>, &str) {
    for (prefix, role) in [
        ("牵头部门", Role::Lead),
        ("牵头单位", Role::Lead),
        ("牵头", Role::Lead),
        ("配合部门", Role::Support),
        ("配合单位", Role::Support),
        ("配合", Role::Support),
        ("协办", Role::Support),
    ] {
        if let Some(rest) = text.strip_prefix(prefix)
            && let Some(names) = rest.strip_prefix(['：', ':'])
        {
            return (Some(role), names);
        }
    }
    (None, text)
}

/// `质监部门（牵头）` → 质监部门, led.
fn strip_role_mark(name: &str) -> (String, Option<Role>) {
    for (mark, role) in [
        ("（牵头）", Role::Lead),
        ("(牵头)", Role::Lead),
        ("（配合）", Role::Support),
        ("(配合)", Role::Support),
    ] {
        if let Some(rest) = name.strip_suffix(mark) {
            return (rest.trim().to_string(), Some(role));
        }
    }
    (name.to_string(), None)
}

/// `1、2、4项由领导小组办公室负责` → ([1, 2, 4], "领导小组办公室"); `1-5项由…`.
fn part_clause(clause: &str) -> Option<(Vec<u32>, &str)> {
    let (numbers, rest) = clause.split_once("项由")?;
    let names = rest.trim().strip_suffix("负责").unwrap_or(rest).trim();
    let mut parts = Vec::new();
    for piece in numbers.split(['、', '，', ',']) {
        let piece: String = piece.chars().filter(|c| !c.is_whitespace()).collect();
        let piece = piece.trim_start_matches('第');
        match piece.split_once(['-', '－', '—', '~', '～', '至']) {
            Some((from, to)) => {
                let (from, to): (u32, u32) = (from.parse().ok()?, to.parse().ok()?);
                if from == 0 || to < from || to - from > 50 {
                    return None;
                }
                parts.extend(from..=to);
            }
            None => parts.push(piece.parse().ok().filter(|n| *n > 0)?),
        }
    }
    (!parts.is_empty()).then_some((parts, names))
}

/// The names of one list, with a shared suffix given to each name that has
/// none (`科技、质监、检验检疫部门` → 科技部门 …), the words that are no
/// department set aside.
fn names_in(text: &str, out: &mut Responsibility) -> Vec<String> {
    let text = text.trim().trim_start_matches('由');
    let text = text.strip_suffix("负责").unwrap_or(text).trim();
    let mut implied = "";
    let mut body = text;
    for (etc, suffix) in ETC {
        if let Some(rest) = text.strip_suffix(etc).filter(|r| !r.is_empty()) {
            body = rest;
            implied = suffix;
            break;
        }
    }
    let pieces: Vec<String> = split_outside_brackets(body, &['、', '，', ',', ' ', '　'])
        .into_iter()
        .map(|p| p.trim().to_string())
        .filter(|p| !p.is_empty())
        .collect();
    let mut kept: Vec<String> = Vec::new();
    for piece in &pieces {
        match set_aside(piece) {
            Some(what) => out.set_aside.push((piece.clone(), what)),
            None => kept.push(piece.clone()),
        }
    }
    // The suffix the list ends with (or its 等部门) belongs to every name
    // written without one.
    let shared = if implied.is_empty() {
        kept.last()
            .filter(|last| last.ends_with("部门") && kept.len() > 1)
            .map_or("", |_| "部门")
    } else {
        implied
    };
    if shared == "部门" {
        for name in &mut kept {
            let bare = strip_role_mark(name).0;
            if !DEPARTMENT_ENDINGS.iter().any(|e| bare.ends_with(e)) {
                let mark = &name[bare.len()..];
                let read = format!("{bare}部门{mark}");
                out.normalised.push((name.clone(), read.clone()));
                *name = read;
            }
        }
    }
    kept
}

/// The assessed and the collective: never one department.
fn set_aside(name: &str) -> Option<SetAside> {
    let name = strip_role_mark(name).0;
    let collective = [
        "成员单位",
        "有关部门",
        "相关部门",
        "有关单位",
        "相关单位",
        "各部门",
        "各单位",
    ];
    if collective.iter().any(|c| name.contains(c)) {
        return Some(SetAside::Collective);
    }
    let places = ["镇", "街道", "县", "区", "乡", "市"];
    let assessed = (name.starts_with('各') && places.iter().any(|p| name.contains(p)))
        || (name.ends_with("政府") && places.iter().any(|p| name.contains(p)) && !name.starts_with("市政府"));
    assessed.then_some(SetAside::Assessed)
}

/// Pieces of `text` split at `separators` outside brackets: `县(市、区)政府`
/// stays whole.
fn split_outside_brackets<'a>(text: &'a str, separators: &[char]) -> Vec<&'a str> {
    let mut pieces = Vec::new();
    let mut depth = 0usize;
    let mut start = 0;
    for (i, c) in text.char_indices() {
        match c {
            '（' | '(' | '【' | '[' | '《' => depth += 1,
            '）' | ')' | '】' | ']' | '》' => depth = depth.saturating_sub(1),
            c if depth == 0 && separators.contains(&c) => {
                pieces.push(&text[start..i]);
                start = i + c.len_utf8();
            }
            _ => {}
        }
    }
    pieces.push(&text[start..]);
    pieces
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(cell: &str) -> Vec<String> {
        read(cell).departments
    }

    #[test]
    fn lists_share_their_suffix_and_keep_brackets_whole() {
        assert_eq!(
            names("科技、质监、检验检疫部门"),
            ["科技部门", "质监部门", "检验检疫部门"]
        );
        assert_eq!(names("质监等有关部门"), ["质监部门"]);
        assert_eq!(names("商务、质监等有关部门"), ["商务部门", "质监部门"]);
        assert_eq!(
            names("质监、经济和信息化局、发展改革部门"),
            ["质监部门", "经济和信息化局", "发展改革部门"]
        );
        assert_eq!(names("市水利局，市交通局"), ["市水利局", "市交通局"]);
        let r = read("县(市、区)政府、质监部门");
        assert_eq!(r.departments, ["质监部门"]);
        assert_eq!(r.set_aside, [("县(市、区)政府".to_string(), SetAside::Assessed)]);
    }

    #[test]
    fn per_part_responsibility_gives_each_part_its_departments() {
        let r = read(
            "1、2、4项由领导小组办公室负责；3项由区督考办负责；5项由区工商质监局、区文化旅游局，各镇（街道）负责。",
        );
        assert_eq!(
            r.departments,
            ["领导小组办公室", "区督考办", "区工商质监局", "区文化旅游局"]
        );
        assert_eq!(r.of_part(4), Some(&["领导小组办公室".to_string()][..]));
        assert_eq!(r.of_part(3), Some(&["区督考办".to_string()][..]));
        assert_eq!(r.of_part(5).map(<[String]>::len), Some(2));
        assert_eq!(r.set_aside, [("各镇（街道）".to_string(), SetAside::Assessed)]);
        let r = read("1-5项由区发改统计局、区科工委，各镇（街道）负责；6项由区环保局，各镇（街道）负责。");
        assert_eq!(
            r.of_part(5),
            Some(&["区发改统计局".to_string(), "区科工委".to_string()][..])
        );
        let r = read("2、3项由各成员单位，各镇（街道）负责");
        assert!(r.departments.is_empty());
        assert_eq!(r.set_aside[0].1, SetAside::Collective);
    }

    #[test]
    fn role_words_give_lead_and_supporting_departments() {
        assert_eq!(names("配合：工商部门；牵头：质监部门"), ["质监部门", "工商部门"]);
        let r = read("工商部门、质监部门（牵头）");
        assert_eq!(r.departments, ["质监部门", "工商部门"]);
        assert!(r.roles && r.is_interpreted());
        assert!(!read("市水利局").is_interpreted());
    }
}
