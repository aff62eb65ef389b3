//! The criteria pane: everything the document says about the current item,
//! wrapped by display width, with the scoring helper laid out to act on.

use super::Theme;
use super::main_screen::{scroll_title, scroll_to};
use crate::rubric::{Helper, Item, Kind};
use crate::scoring::bounds::tier_for;
use crate::scoring::draft::{Cell, HelperInput};
use crate::tui::app::App;
use crate::tui::i18n;
use crate::tui::stages::{MainStage, Overlay, Pane};
use crate::tui::wrap::{fit, wrap};
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

pub fn criteria_pane(app: &App, main: &MainStage, area: Rect) -> Vec<Line<'static>> {
    let session = &main.session;
    let s = app.strings();
    let theme = Theme::of(app);
    let w = area.width as usize;
    let focused = main.focus == Pane::Criteria && main.overlay == Overlay::None;
    let mut lines = vec![Line::from(Span::styled(
        fit(&format!(" {}", s.criteria), w),
        theme.title(focused),
    ))];
    let Some(unit) = session.current() else { return lines };
    let item = session.item_of(unit);
    let cell = session.cell(session.district, unit);
    let sub_cursor = session.checklist_item().map(|_| main.sub_cursor);
    // The district's own claim first: what the analyst judges.
    let mut body = super::claims::claim_lines(app, main, w);
    body.extend(criteria_lines(
        app,
        item,
        unit.sub.and_then(|i| item.subs.get(i)).map(|s| s.id.as_str()),
        cell,
        sub_cursor,
        w,
    ));
    let height = (area.height as usize).saturating_sub(1);
    // Keep the ticking cursor in view, and the events being typed (listed
    // last); otherwise scroll as asked.
    let typing_events = matches!(
        app.overlay(),
        Overlay::Entry {
            mode: crate::scoring::entry::EntryMode::Input,
            ..
        }
    ) && matches!(session.scoring_unit(unit).helper(), Some(Helper::PerEvent { .. }));
    let first = match sub_cursor {
        Some(c) => {
            let at = body.iter().position(|l| l.to_string().starts_with(">")).unwrap_or(c);
            scroll_to(at, height, body.len())
        }
        None if typing_events => body.len().saturating_sub(height),
        None => main.criteria_scroll.min(body.len().saturating_sub(height)),
    };
    let below = body.len().saturating_sub(first + height);
    let title = scroll_title(s, s.criteria, first, below, w);
    lines[0] = Line::from(Span::styled(fit(&title, w), theme.title(focused)));
    lines.extend(body.drain(..).skip(first).take(height));
    lines
}

/// `text` wrapped into the pane at `indent`. A numbered line (`1. `, `2、`,
/// `（3）`, `①`) hangs: its continuation lines start under the text, not
/// under the number.
fn wrapped(lines: &mut Vec<Line<'static>>, text: &str, width: usize, indent: usize, style: Style) {
    let room = width.saturating_sub(indent);
    let marker = crate::rubric::numbering::list_marker(text);
    let hang = crate::tui::wrap::width(marker);
    let (first, rest, hang) = if hang > 0 && hang * 3 <= room {
        (marker, &text[marker.len()..], hang)
    } else {
        ("", text, 0)
    };
    let pad = " ".repeat(indent);
    for (n, l) in wrap(rest, room - hang).into_iter().enumerate() {
        let lead = if n == 0 { first.to_string() } else { " ".repeat(hang) };
        lines.push(Line::from(Span::styled(format!("{pad}{lead}{l}"), style)));
    }
}

/// The item's full description at `width` columns. `part` names the
/// sub-criterion being scored when the item is split between departments.
pub fn criteria_lines(
    app: &App,
    item: &Item,
    part: Option<&str>,
    cell: Option<&Cell>,
    sub_cursor: Option<usize>,
    width: usize,
) -> Vec<Line<'static>> {
    let s = app.strings();
    let lang = app.lang;
    let theme = Theme::of(app);
    let mut lines: Vec<Line<'static>> = Vec::new();
    // The item's total stays one phrase: on the head's line where it fits,
    // else on a line of its own, never broken inside.
    let (head, of_item) = head_line(app, item, part);
    if crate::tui::wrap::width(&format!("{head}{of_item}")) <= width {
        wrapped(&mut lines, &format!("{head}{of_item}"), width, 0, theme.header());
    } else {
        wrapped(&mut lines, &head, width, 0, theme.header());
        wrapped(&mut lines, &of_item, width, 0, theme.header());
    }
    let text = match &item.label {
        Some(label) => format!("{label}{}{}", s.colon, item.text),
        None => item.text.clone(),
    };
    wrapped(&mut lines, &text, width, 0, Style::default());
    let part_sub = part.and_then(|p| item.subs.iter().find(|s| s.id == p));
    // An award on a deduction (or a deduction part) is a deduction made or not.
    let deducts = item.kind == Kind::Deduction || part_sub.is_some_and(|s| s.kind == Kind::Deduction);
    let helper = match part_sub {
        Some(sub) => sub.helper.as_ref(),
        None => item.helper.as_ref(),
    };
    // The part being scored comes first, with what scores it; the item's
    // whole criteria follow for context.
    if let Some(sub) = part_sub {
        wrapped(
            &mut lines,
            &s.heading(&format!("{}{}{}", s.part, sub.id, s.part_suffix)),
            width,
            0,
            theme.header(),
        );
        wrapped(&mut lines, &sub.text, width, 1, Style::default());
        helper_lines(app, item, (helper, deducts), cell, sub_cursor, width, &mut lines);
        if let Some(note) = &sub.note {
            wrapped(
                &mut lines,
                &format!("{}{}{note}", s.remark, s.colon),
                width,
                0,
                theme.dim(),
            );
        }
    }
    if item.criteria != item.text {
        lines.push(Line::from(Span::styled(s.heading(s.criteria), theme.header())));
        for c in item.criteria.lines() {
            wrapped(&mut lines, c.trim(), width, 1, Style::default());
        }
    }
    if part_sub.is_none() {
        helper_lines(app, item, (helper, deducts), cell, sub_cursor, width, &mut lines);
    }
    parts_list(app, item, part, width, &mut lines);
    let evidence = match &item.evidence_text {
        Some(t) => s.aside(
            &format!("{}{}{}", s.evidence, s.colon, i18n::evidence_label(lang, item.evidence)),
            t,
        ),
        None => format!("{}{}{}", s.evidence, s.colon, i18n::evidence_label(lang, item.evidence)),
    };
    wrapped(&mut lines, &evidence, width, 0, theme.dim());
    wrapped(
        &mut lines,
        &format!("{}{}{}", s.departments, s.colon, item.departments.join("、")),
        width,
        0,
        theme.dim(),
    );
    if let Some(words) = joint_words(app, item) {
        wrapped(&mut lines, words, width, 0, theme.dim());
    }
    for (label, text) in [
        (s.remark, &item.note),
        (s.reading, &item.reading),
        (s.reconstructed, &item.reconstructed),
        (s.discrepancy, &item.discrepancy),
    ] {
        if let Some(t) = text {
            wrapped(&mut lines, &format!("{label}{}{t}", s.colon), width, 0, theme.dim());
        }
    }
    if let Some(cell) = cell {
        if cell.evidence_missing {
            lines.push(Line::from(Span::styled(
                format!("! {}", s.evidence_missing),
                theme.error(),
            )));
        }
        if !cell.note.is_empty() {
            wrapped(
                &mut lines,
                &format!("{}{}{}", s.note, s.colon, cell.note),
                width,
                0,
                theme.good(),
            );
        }
    }
    lines
}

/// `1.1.5#3  标准项  分值 1` and `（本项共 6 分）`: a part's own points first, its item's after, apart.
fn head_line(app: &App, item: &Item, part: Option<&str>) -> (String, String) {
    let s = app.strings();
    let lang = app.lang;
    let points = match (item.kind, item.points) {
        (Kind::Veto, _) => String::new(),
        (_, Some(p)) => format!("  {} {}", s.points, crate::points::shown(p)),
        (_, None) => String::new(),
    };
    match part.and_then(|p| item.subs.iter().find(|s| s.id == p)) {
        // A part of a split item: its own points first, the item's after.
        Some(sub) => {
            let own = sub
                .points
                .map(|p| format!("  {} {}", s.points, crate::points::shown(p)))
                .unwrap_or_default();
            // A deduction part is labelled as what it does to its item.
            let kind = if sub.kind == Kind::Deduction {
                Kind::Deduction
            } else {
                item.kind
            };
            let of_item = match (item.kind, item.points) {
                (Kind::Veto, _) | (_, None) => String::new(),
                (_, Some(p)) => s.part_of_item.replace("{points}", &crate::points::shown(p)),
            };
            (
                format!("{}#{}  {}{own}", item.id, sub.id, i18n::kind_label(lang, kind)),
                of_item,
            )
        }
        None => (
            format!("{}  {}{points}", item.id, i18n::kind_label(lang, item.kind)),
            String::new(),
        ),
    }
}

/// The numbered parts with their points and departments, the one being
/// scored marked. A checklist shows them as its ticks instead.
fn parts_list(app: &App, item: &Item, part: Option<&str>, width: usize, lines: &mut Vec<Line<'static>>) {
    // Sub-criteria with neither points nor departments are read in the
    // criteria above; a list of their bare numbers would say nothing.
    let informative = item
        .subs
        .iter()
        .any(|s| s.points.is_some() || !s.departments.is_empty());
    if !informative || matches!(item.helper, Some(Helper::Checklist { .. })) {
        return;
    }
    let s = app.strings();
    let theme = Theme::of(app);
    lines.push(Line::from(Span::styled(s.heading(s.sub_criteria), theme.header())));
    for sub in &item.subs {
        let pts = match (sub.points, sub.kind) {
            (Some(p), Kind::Deduction) => s.aside("", &format!("-{}", crate::points::shown(p))),
            (Some(p), _) => s.aside("", &crate::points::shown(p)),
            (None, _) => String::new(),
        };
        let depts = if sub.departments.is_empty() {
            String::new()
        } else {
            format!(" [{}]", sub.departments.join("、"))
        };
        let mark = if part == Some(sub.id.as_str()) { ">" } else { " " };
        wrapped(
            lines,
            &format!("{mark}{}{pts}{depts}", sub.id),
            width,
            0,
            Style::default(),
        );
    }
}

fn helper_lines(
    app: &App,
    item: &Item,
    (helper, deducts): (Option<&Helper>, bool),
    cell: Option<&Cell>,
    sub_cursor: Option<usize>,
    width: usize,
    lines: &mut Vec<Line<'static>>,
) {
    let s = app.strings();
    let theme = Theme::of(app);
    let input = cell.and_then(|c| c.input.as_ref());
    match helper {
        Some(Helper::Checklist { .. }) => checklist_lines(app, item, input, sub_cursor, width, lines),
        Some(Helper::Scale { levels }) => {
            wrapped(lines, &s.heading(&app.with_keys(s.levels)), width, 0, theme.header());
            let chosen = input.and_then(|i| i.level());
            // No place number beside a level: a number typed is points.
            for level in levels {
                let mark = if chosen == Some(level.name.as_str()) { "*" } else { " " };
                let text = format!("{mark}{} = {}", level.name, crate::points::shown(level.points));
                wrapped(lines, &text, width, 0, Style::default());
            }
        }
        Some(Helper::Tiers(tiers)) => tiers_lines(app, tiers, input, width, lines),
        Some(Helper::PerEvent { events, mode }) => {
            // Several departments report it: its entry is the events list.
            let joint = app
                .current_scoring_unit()
                .is_some_and(|u| crate::scoring::rule::needs_described_events(&u));
            let heading = if joint { s.events_joint } else { s.events };
            wrapped(lines, &s.heading(&app.with_keys(heading)), width, 0, theme.header());
            if *mode == Some(crate::rubric::ChecklistMode::Deduct) {
                wrapped(lines, s.per_event_deduct, width, 1, theme.dim());
            }
            let counts: &[u32] = input.map_or(&[], |i| i.counts());
            for (n, e) in events.iter().enumerate() {
                let count = counts.get(n).map(|c| format!(" x{c}")).unwrap_or_default();
                wrapped(
                    lines,
                    &format!(" {}. {} {}{count}", n + 1, e.name, crate::points::shown(e.points)),
                    width,
                    0,
                    Style::default(),
                );
            }
            event_list(app, events.len(), input, width, lines);
        }
        Some(Helper::Award) => {
            let award = if deducts { s.award_deduct } else { s.award };
            wrapped(lines, &s.heading(award), width, 0, theme.header());
        }
        Some(Helper::Formula(formula)) => {
            wrapped(lines, &s.heading(&app.with_keys(s.formula)), width, 0, theme.header());
            wrapped(lines, &formula_words(app, formula), width, 1, Style::default());
            if let Some((value, reference)) = input.and_then(|i| i.value()) {
                let given = match reference {
                    Some(r) => format!(
                        "{} {}, {}",
                        s.measured,
                        crate::points::shown(value),
                        crate::points::shown(r)
                    ),
                    None => format!("{} {}", s.measured, crate::points::shown(value)),
                };
                wrapped(lines, &given, width, 0, theme.good());
            }
        }
        None => {}
    }
}

/// How a joint veto or deduction's reports combine: a per-event one counts
/// each event once.
fn joint_words(app: &App, item: &Item) -> Option<&'static str> {
    let s = app.strings();
    let counted_once = matches!(item.helper, Some(Helper::PerEvent { .. }));
    item.is_joint_report().then_some(if counted_once {
        s.joint_report_events
    } else {
        s.joint_report
    })
}

/// The events of a per-event cell, numbered: those typed into the helper's
/// entry while it is open (what Enter will record), else those recorded.
fn event_list(app: &App, kinds: usize, recorded: Option<&HelperInput>, width: usize, lines: &mut Vec<Line<'static>>) {
    use crate::scoring::events;
    let s = app.strings();
    let theme = Theme::of(app);
    let typed = match app.overlay() {
        Overlay::Entry {
            field,
            mode: crate::scoring::entry::EntryMode::Input,
            ..
        } if events::describes(field.text()) => Some(events::parse(field.text(), kinds)),
        _ => None,
    };
    let (heading, list) = match (&typed, recorded) {
        (Some(list), _) => (s.events_typed, list.as_slice()),
        (None, Some(input)) if !input.events().is_empty() => (s.events_recorded, input.events()),
        _ => return,
    };
    let count = match app.lang {
        crate::lang::Lang::Zh => format!("{heading}（{} 件）", list.len()),
        crate::lang::Lang::En => format!("{heading} ({})", list.len()),
    };
    wrapped(lines, &s.heading(&count), width, 0, theme.header());
    for (n, e) in list.iter().enumerate() {
        wrapped(lines, &super::events::numbered(n, e, kinds), width, 1, Style::default());
    }
}

/// Each sub-criterion with its tick, the ticking cursor on one.
fn checklist_lines(
    app: &App,
    item: &Item,
    input: Option<&HelperInput>,
    sub_cursor: Option<usize>,
    width: usize,
    lines: &mut Vec<Line<'static>>,
) {
    let s = app.strings();
    let theme = Theme::of(app);
    wrapped(lines, &s.heading(s.checklist), width, 0, theme.header());
    let ticked: &[String] = input.map_or(&[], |i| i.ticked());
    for (n, sub) in item.subs.iter().enumerate() {
        let mark = if ticked.contains(&sub.id) { "[x]" } else { "[ ]" };
        let cursor = if sub_cursor == Some(n) { ">" } else { " " };
        let pts = sub
            .points
            .map(|p| s.aside("", &crate::points::shown(p)))
            .unwrap_or_default();
        let style = if sub_cursor == Some(n) {
            theme.selected(true)
        } else {
            Style::default()
        };
        // Wrapped inside the tick column, so that no continuation runs past the pane.
        let head = format!("{cursor}{mark} ");
        let indent = crate::tui::wrap::width(&head);
        for (i, l) in wrap(&format!("{}{pts} {}", sub.id, sub.text), width.saturating_sub(indent))
            .into_iter()
            .enumerate()
        {
            let l = if i == 0 {
                format!("{head}{l}")
            } else {
                format!("{}{l}", " ".repeat(indent))
            };
            lines.push(Line::from(Span::styled(l, style)));
        }
    }
}

/// One tier in words: `≤10%：1 分`.
fn tier_line(s: &crate::tui::i18n::Strings, tier: &crate::rubric::Tier, unit: &str, lang: crate::lang::Lang) -> String {
    s.tier_gives
        .replace("{cond}", &tier.condition(unit, lang))
        .replace("{points}", &crate::points::shown(tier.points))
}

/// The tiers as written, the one the entered value falls in marked.
fn tiers_lines(
    app: &App,
    tiers: &crate::rubric::Tiers,
    input: Option<&HelperInput>,
    width: usize,
    lines: &mut Vec<Line<'static>>,
) {
    let s = app.strings();
    let theme = Theme::of(app);
    let unit = tiers.unit.as_deref().unwrap_or_default();
    wrapped(
        lines,
        &format!("{}{}{}", app.with_keys(s.tiers), s.colon, tiers.measure),
        width,
        0,
        theme.header(),
    );
    let measured = input
        .and_then(|i| i.value())
        .and_then(|(measured, second)| crate::scoring::helpers::tier_figure(tiers, measured, second).ok());
    // What the tiers' figure is, where it is not the value typed.
    let figure = match (&tiers.relative_to, &tiers.target, app.lang) {
        (Some(reference), _, crate::lang::Lang::Zh) => Some(format!("{}占{reference}的百分比", tiers.measure)),
        (Some(reference), _, crate::lang::Lang::En) => {
            Some(format!("{} as a percentage of {reference}", tiers.measure))
        }
        (None, Some(target), crate::lang::Lang::Zh) => Some(format!(
            "{target} - {}，即低于{target}的{unit}数（达到的为 0）",
            tiers.measure
        )),
        (None, Some(target), crate::lang::Lang::En) => Some(format!(
            "{target} - {}: how far it falls short of the target, in {unit} (0 where it is met)",
            tiers.measure
        )),
        (None, None, _) => None,
    };
    if let Some(figure) = figure {
        wrapped(lines, &figure, width, 1, Style::default());
    }
    let applied = measured.and_then(|m| tier_for(tiers, m));
    for tier in &tiers.ranges {
        let mark = if applied == Some(tier) { "*" } else { " " };
        let text = format!("{mark}{}", tier_line(s, tier, unit, app.lang));
        wrapped(lines, &text, width, 0, Style::default());
    }
    if let (Some(m), Some(t)) = (measured, applied) {
        let text = format!(
            "{} {}{unit}, {} {}",
            s.measured,
            crate::points::shown(m),
            s.tier_applied,
            tier_line(s, t, unit, app.lang)
        );
        wrapped(lines, &text, width, 0, theme.good());
    }
}

/// The formula as the analyst checks it against the document.
fn formula_words(app: &App, formula: &crate::rubric::Formula) -> String {
    use crate::points::shown;
    use crate::rubric::{FormulaRule, Reference, Steps};
    let unit = formula.unit.as_deref().unwrap_or_default();
    let reference = match &formula.reference {
        Reference::Fixed(r) => format!("{}{unit}", shown(*r)),
        Reference::Input(name) => name.clone(),
    };
    let zh = app.lang == crate::lang::Lang::Zh;
    match (&formula.rule, zh) {
        (FormulaRule::Linear { base, step, per, steps }, true) => format!(
            "{}：以{reference}为准，基础 {} 分，每相差 {}{unit} 计 {} 分（{}）",
            formula.measure,
            shown(*base),
            shown(*per),
            shown(*step),
            match steps {
                Steps::Whole => "不足一档不计",
                Steps::Started => "不足一档按一档计",
            }
        ),
        (FormulaRule::Linear { base, step, per, steps }, false) => format!(
            "{}: against {reference}, base {}, {} per {}{unit} of difference ({})",
            formula.measure,
            shown(*base),
            shown(*step),
            shown(*per),
            match steps {
                Steps::Whole => "whole steps only",
                Steps::Started => "a step begun counts",
            }
        ),
        (FormulaRule::Proportional { factor }, true) => format!(
            "{}：达到{reference}得满分；未达到的，按 {} / {reference} 乘以 {} 计分",
            formula.measure,
            formula.measure,
            shown(*factor)
        ),
        (FormulaRule::Proportional { factor }, false) => format!(
            "{}: full points at {reference}; below it, {} / {reference} x {}",
            formula.measure,
            formula.measure,
            shown(*factor)
        ),
    }
}

#[cfg(test)]
mod tests {
    use crate::rubric::numbering::list_marker;

    #[test]
    fn list_numbers_but_not_ids() {
        for (text, marker) in [
            ("1. 制定方案", "1. "),
            ("2、组织开展", "2、"),
            ("3．根据", "3．"),
            ("（4）开展", "（4）"),
            ("(5) 开展", "(5) "),
            ("⑥ 抽查", "⑥ "),
            ("1.1.8  标准项", ""),
            ("10%以上", ""),
            ("质量", ""),
        ] {
            assert_eq!(list_marker(text), marker, "{text}");
        }
    }
}
