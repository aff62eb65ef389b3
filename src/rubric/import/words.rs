//! What a rubric table's cells say in words: points written in the text
//! (`（5分）`, `(0.5 分)`), caps (`最高扣2分`, `最高加1分`), amounts per event
//! (`每项扣1分`), numbered parts, department lists, and the numbering and
//! stated totals around area and key-point names. Pure text in, values out.

use rust_decimal::Decimal;

/// A figure in brackets followed by 分: `（5分）`, `(0.5 分)`, `（1.75分）`.
/// Only a bare figure counts: `（每项扣1分，最高扣2分）` is no item's points.
pub fn bracketed_points(text: &str) -> Vec<Decimal> {
    let mut found = Vec::new();
    let chars: Vec<char> = text.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        if !matches!(c, '（' | '(') {
            continue;
        }
        let inside: String = chars[i + 1..]
            .iter()
            .take_while(|&&c| !matches!(c, '）' | ')' | '（' | '('))
            .collect();
        let closed = chars
            .get(i + 1 + inside.chars().count())
            .is_some_and(|&c| matches!(c, '）' | ')'));
        let figure = inside.trim().strip_suffix('分').map(str::trim);
        if let (true, Some(Ok(points))) = (closed, figure.map(|f| normalise_digits(f).parse::<Decimal>())) {
            found.push(points);
        }
    }
    found
}

/// Points written at the end of a text without brackets: `……情况。5分` →
/// 5. Not a deduction or an award (`扣2分`, `加1分`), which say something else.
pub fn trailing_points(text: &str) -> Option<Decimal> {
    let text = text
        .trim_end()
        .trim_end_matches(['。', '；', ';', '，', ',', '.'])
        .trim_end();
    let body = text.strip_suffix('分')?.trim_end();
    let figure: String = body
        .chars()
        .rev()
        .take_while(|c| c.is_ascii_digit() || *c == '.' || ('０'..='９').contains(c) || *c == '．')
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let before = body[..body.len() - figure.len()].chars().last();
    if figure.is_empty() || before.is_some_and(|c| matches!(c, '扣' | '加' | '减')) {
        return None;
    }
    normalise_digits(&figure).parse().ok()
}

/// The one figure a part says it earns (`部署开展商标执法工作，得0.2分。`),
/// when it says exactly one: a part with tiers (`得0.5分；…得0.3分`) has none.
pub fn earned_points(text: &str) -> Option<Decimal> {
    let mut found = text
        .match_indices('得')
        .filter_map(|(i, c)| figure_before_fen(&text[i + c.len()..]));
    let first = found.next()?;
    found.next().is_none().then_some(first)
}

/// `最高扣2分` → 2; `最高加1分`, `加1分` → 1, for the given verb (扣 or 加).
pub fn capped(text: &str, verb: char) -> Option<Decimal> {
    let highest = format!("最高{verb}");
    let at = text
        .find(&highest)
        .map(|i| i + highest.len())
        .or_else(|| text.find("此项最高").map(|i| i + "此项最高".len()))?;
    figure_before_fen(&text[at..])
}

/// An award of fixed points: `（加1分）` → 1.
pub fn added(text: &str) -> Option<Decimal> {
    let at = text.find('加').map(|i| i + '加'.len_utf8())?;
    figure_before_fen(&text[at..])
}

/// The amount per event: `每项扣1分`, `每次扣0.5分`, `每发生一起扣10分` → the figure.
pub fn per_event(text: &str) -> Option<Decimal> {
    let start = text.find('每')?;
    let rest = &text[start..];
    let deduct = rest.find('扣')?;
    // 每…扣 within one clause.
    if rest[..deduct].contains(['，', ',', '；', ';', '。']) {
        return None;
    }
    figure_before_fen(&rest[deduct + '扣'.len_utf8()..])
}

/// What a 分值 cell says, in figures or in words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PointsCell {
    /// `4`, `４分`, `0.5`.
    Figure(Decimal),
    /// `否决`, `否决项`, `一票否决`.
    Veto,
    /// `最高扣2分` (cap), `-10/次`, `每发生1件扣10分` (per event), `扣10分`
    /// (an amount, per event when the criteria say 每), `扣完为止`.
    Deduction {
        cap: Option<Decimal>,
        per_event: Option<Decimal>,
        amount: Option<Decimal>,
    },
    /// `最高加1分` (cap), `加1分` (an award of exactly that).
    Bonus {
        cap: Option<Decimal>,
        award: Option<Decimal>,
    },
    /// Words that give no points (`扣完为止` alone, a remark).
    Words,
}

/// A 分值 cell read as a person reads it.
pub fn points_cell(cell: &str) -> PointsCell {
    let t: String = normalise_digits(cell).chars().filter(|c| !c.is_whitespace()).collect();
    let t = t.as_str();
    let bare = t.strip_suffix('分').unwrap_or(t);
    if let Ok(p) = bare.parse::<Decimal>()
        && p >= Decimal::ZERO
    {
        return PointsCell::Figure(p);
    }
    if t.contains("否决") {
        return PointsCell::Veto;
    }
    // `-2`: a deduction's cap written as the points it takes off.
    if let Some(p) = bare
        .strip_prefix(['-', '－', '—'])
        .and_then(|f| f.parse::<Decimal>().ok())
    {
        return PointsCell::Deduction {
            cap: Some(p),
            per_event: None,
            amount: None,
        };
    }
    // `10分（扣完为止）`, `5（每项扣1分）`: the figure is the points, the
    // rest a remark on how they are lost (the item says it in full).
    let lead: String = t.chars().take_while(|c| c.is_ascii_digit() || *c == '.').collect();
    if !lead.is_empty()
        && let Ok(p) = lead.parse::<Decimal>()
        && t[lead.len()..].starts_with(['分', '（', '('])
    {
        return PointsCell::Figure(p);
    }
    if let Some(rest) = t.strip_prefix(['-', '－', '—'])
        && let Some((figure, per)) = rest.split_once('/')
        && let Ok(p) = figure.trim_end_matches('分').parse::<Decimal>()
        && ["次", "件", "起", "项", "个"].iter().any(|w| per.starts_with(w))
    {
        return PointsCell::Deduction {
            cap: capped(t, '扣'),
            per_event: Some(p),
            amount: None,
        };
    }
    // `扣完为止` alone says how the points are lost, not how many.
    if t == "扣完为止" {
        return PointsCell::Words;
    }
    if t.contains('扣') {
        let amount = t.find('扣').and_then(|i| figure_before_fen(&t[i + '扣'.len_utf8()..]));
        return PointsCell::Deduction {
            cap: capped(t, '扣'),
            per_event: per_event(t),
            amount: amount.filter(|_| capped(t, '扣').is_none() && per_event(t).is_none()),
        };
    }
    if t.contains('加') {
        return match capped(t, '加') {
            Some(cap) => PointsCell::Bonus {
                cap: Some(cap),
                award: None,
            },
            None => PointsCell::Bonus {
                cap: None,
                award: added(t),
            },
        };
    }
    // A figure followed by a remark: `5（扣完为止）` is read above; `5分/项`
    // and the like are left to the text.
    PointsCell::Words
}

/// The sum of the bracketed figures of a text, when it has any: a clause
/// `(1分)` and another `(1分)` are 2 points in all.
pub fn priced_sum(text: &str) -> Option<(Decimal, usize)> {
    let found = bracketed_points(text);
    (!found.is_empty()).then(|| (found.iter().copied().sum(), found.len()))
}

/// The figure at the start of `text` when 分 follows it: "2分，…" → 2.
fn figure_before_fen(text: &str) -> Option<Decimal> {
    let text = text.trim_start();
    let figure: String = text
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == '.' || ('０'..='９').contains(c) || *c == '．')
        .collect();
    let rest = text[figure.len()..].trim_start();
    if figure.is_empty() || !rest.starts_with('分') {
        return None;
    }
    normalise_digits(&figure).parse().ok()
}

/// Full-width digits and point as ASCII.
pub fn normalise_digits(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
            '．' => '.',
            c => c,
        })
        .collect()
}

pub use crate::rubric::numbering::numbered;

/// Two spellings of one department: the same once a leading 市 and a
/// trailing 局 / 委 / 委员会 are taken off and 监督管理 is read as 监管
/// (市场监管局 ~ 市市场监督管理局).
pub fn same_department(a: &str, b: &str) -> bool {
    let (a_forms, b_forms) = (department_cores(a), department_cores(b));
    a != b && a_forms.iter().any(|f| b_forms.contains(f))
}

/// The name without its suffix, with and without a leading 市 / 区 / 县:
/// both, because 市场监管局 starts with 市 too.
fn department_cores(name: &str) -> Vec<String> {
    let mut core = name.trim().replace("监督管理", "监管");
    for suffix in ["委员会", "部门", "局", "委"] {
        if let Some(rest) = core.strip_suffix(suffix) {
            core = rest.to_string();
            break;
        }
    }
    let mut forms = vec![core.clone()];
    for prefix in ["市", "区", "县"] {
        if let Some(rest) = core.strip_prefix(prefix).filter(|r| r.chars().count() >= 2) {
            forms.push(rest.to_string());
        }
    }
    forms
}

/// An area or key point's name without its numbering (`一、`, `（一）`,
/// `1.`) and its stated total (`（27分）`), and that total.
pub fn name_and_total(cell: &str) -> (String, Option<Decimal>) {
    // A cell's line breaks are the table's width, not the name's words.
    let mut name: String = cell.lines().map(str::trim).collect();
    let numerals = "一二三四五六七八九十百";
    let chars: Vec<char> = name.chars().collect();
    let strip = match chars.as_slice() {
        ['（' | '(', rest @ ..] => {
            let n = rest
                .iter()
                .take_while(|c| numerals.contains(**c) || c.is_ascii_digit())
                .count();
            (n > 0 && rest.get(n).is_some_and(|c| matches!(c, '）' | ')'))).then_some(n + 2)
        }
        _ => {
            let n = chars
                .iter()
                .take_while(|c| numerals.contains(**c) || c.is_ascii_digit())
                .count();
            (n > 0 && chars.get(n).is_some_and(|c| matches!(c, '、' | '.' | '．'))).then_some(n + 1)
        }
    };
    if let Some(n) = strip {
        name = chars[n..].iter().collect::<String>().trim().to_string();
    }
    let total = bracketed_points(&name).last().copied();
    if total.is_some()
        && let Some(open) = name.rfind(['（', '('])
    {
        name.truncate(open);
        name = name.trim().to_string();
    }
    (name, total)
}

/// The assessed districts, where the notice lists them by name: the
/// paragraph under a 考核对象 heading (or after `考核对象：`) when it is a
/// list of names of county-level places (`曾都区、随县、广水市`). Most
/// notices say only 各县区人民政府, which names none.
pub fn districts(paragraphs: &[String]) -> Vec<String> {
    let place = |name: &str| {
        let name = name.trim().trim_end_matches(['。', '；', ';']);
        let chars = name.chars().count();
        (2..=12).contains(&chars)
            && !name.starts_with('各')
            && ["区", "县", "市", "镇", "乡", "街道"].iter().any(|s| name.ends_with(s))
    };
    for (i, p) in paragraphs.iter().enumerate() {
        let listed = match p.split_once("考核对象") {
            Some((_, rest)) if !rest.trim_start_matches(['：', ':']).trim().is_empty() => {
                rest.trim_start_matches(['：', ':']).to_string()
            }
            Some(_) => paragraphs.get(i + 1).cloned().unwrap_or_default(),
            None => continue,
        };
        let names: Vec<&str> = listed
            .split(['、', '，', ',', '；', ';'])
            .map(|n| n.trim().trim_end_matches(['。', '；', ';']))
            .filter(|n| !n.is_empty())
            .collect();
        if names.len() >= 2 && names.iter().all(|n| place(n)) {
            return names.into_iter().map(str::to_string).collect();
        }
    }
    Vec::new()
}

/// The veto's effect as a cell words it: `考核结果一律为D级`.
pub fn veto_effect(text: &str) -> Option<String> {
    let at = text.find("考核结果一律为").or_else(|| text.find("一律为"))?;
    let effect: String = text[at..]
        .chars()
        .take_while(|c| !matches!(c, '。' | '；' | ';' | '，' | ',' | '\n'))
        .collect();
    Some(effect)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn points_caps_and_amounts_as_the_documents_write_them() {
        assert_eq!(bracketed_points("根据……测算得分。（5分）"), [dec!(5)]);
        assert_eq!(bracketed_points("质量管理措施(1.75 分)：根据"), [dec!(1.75)]);
        assert_eq!(bracketed_points("（每项扣1分，最高扣2分）"), Vec::<Decimal>::new());
        assert_eq!(bracketed_points("得分（３分）；"), [dec!(3)]);
        assert_eq!(capped("（每项扣1分，最高扣2分）", '扣'), Some(dec!(2)));
        assert_eq!(capped("加分项（此项最高10分）", '加'), Some(dec!(10)));
        assert_eq!(added("受到督查激励。（加1分）"), Some(dec!(1)));
        assert_eq!(per_event("（每项扣1分，最高扣2分）"), Some(dec!(1)));
        assert_eq!(per_event("每发生一起扣10分"), Some(dec!(10)));
        assert_eq!(per_event("每年，扣2分"), None);
        assert_eq!(trailing_points("根据工作开展情况评分。5分"), Some(dec!(5)));
        assert_eq!(trailing_points("按时报送的得0.5分。"), Some(dec!(0.5)));
        assert_eq!(trailing_points("未报送的扣1分"), None);
        assert_eq!(earned_points("部署开展商标执法工作,得0.2分。"), Some(dec!(0.2)));
        assert_eq!(earned_points("及时反馈,得0.1分,迟报一次不得分。"), Some(dec!(0.1)));
        assert_eq!(earned_points("完善的得0.5分；较为完善的得0.3分"), None);
        assert_eq!(trailing_points("根据测算结果得分"), None);
    }

    #[test]
    fn points_cells_in_figures_and_in_words() {
        assert_eq!(points_cell("４"), PointsCell::Figure(dec!(4)));
        assert_eq!(points_cell("４分"), PointsCell::Figure(dec!(4)));
        assert_eq!(points_cell(" 0.5 "), PointsCell::Figure(dec!(0.5)));
        assert_eq!(points_cell("否决项"), PointsCell::Veto);
        assert_eq!(points_cell("否决"), PointsCell::Veto);
        assert_eq!(
            points_cell("最高扣2分"),
            PointsCell::Deduction {
                cap: Some(dec!(2)),
                per_event: None,
                amount: None
            }
        );
        assert_eq!(
            points_cell("-10/次"),
            PointsCell::Deduction {
                cap: None,
                per_event: Some(dec!(10)),
                amount: None
            }
        );
        assert_eq!(
            points_cell("扣10分"),
            PointsCell::Deduction {
                cap: None,
                per_event: None,
                amount: Some(dec!(10))
            }
        );
        assert_eq!(
            points_cell("每发生1件扣10分"),
            PointsCell::Deduction {
                cap: None,
                per_event: Some(dec!(10)),
                amount: None
            }
        );
        assert_eq!(points_cell("扣完为止"), PointsCell::Words);
        assert_eq!(
            points_cell("加1分"),
            PointsCell::Bonus {
                cap: None,
                award: Some(dec!(1))
            }
        );
        assert_eq!(
            points_cell("最高加1分"),
            PointsCell::Bonus {
                cap: Some(dec!(1)),
                award: None
            }
        );
        assert_eq!(points_cell("见评分标准"), PointsCell::Words);
        assert_eq!(points_cell("10分（扣完为止）"), PointsCell::Figure(dec!(10)));
        assert_eq!(points_cell("5（每项扣1分）"), PointsCell::Figure(dec!(5)));
        assert_eq!(
            points_cell("-2"),
            PointsCell::Deduction {
                cap: Some(dec!(2)),
                per_event: None,
                amount: None
            }
        );
        assert_eq!(priced_sum("出台政策(1分)；组织评价。(1分)"), Some((dec!(2), 2)));
    }

    #[test]
    fn numbering_departments_and_names() {
        assert_eq!(numbered("1. 质量管理措施(1分)"), Some((1, "质量管理措施(1分)")));
        assert_eq!(numbered("（3）开展"), Some((3, "开展")));
        assert_eq!(numbered("②开展"), Some((2, "开展")));
        assert_eq!(numbered("2022年"), None);
        assert!(same_department("市场监管局", "市市场监督管理局"));
        assert!(same_department("卫生健康委", "市卫生健康委员会"));
        assert!(!same_department("市水利局", "市交通局"));
        assert!(same_department("质监", "质监部门"));
        assert!(same_department("质监局", "质监部门"));
        assert_eq!(
            name_and_total("一、质量整体水平（27分）"),
            ("质量整体水平".into(), Some(dec!(27)))
        );
        assert_eq!(name_and_total("（一）质量发展"), ("质量发展".into(), None));
        assert_eq!(
            name_and_total("质量\n目标\n（56分）"),
            ("质量目标".into(), Some(dec!(56)))
        );
        assert_eq!(
            veto_effect("发生……事件的，考核结果一律为D级"),
            Some("考核结果一律为D级".into())
        );
    }
}
