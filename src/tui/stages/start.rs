//! The start stages: the rubric list, the department list and the scorer's
//! name, and how a choice leads from one to the next.

use super::{Choice, Chosen, Picker, Reply, Stage};
use crate::tui::action::Action;
use crate::tui::app::Effect;
use crate::tui::i18n::Strings;
use crate::tui::text::TextField;

/// The department list of a chosen rubric, with `preselect` highlighted
/// (a name or alias as remembered or given on the command line).
pub fn department_stage(chosen: Box<Chosen>, preselect: Option<&str>, strings: &Strings) -> Stage {
    let rubric = &chosen.rubric;
    let mut choices: Vec<Choice> = rubric
        .departments
        .iter()
        .map(|d| {
            let scored = rubric.items_scored_by(&d.name).count();
            // A department the rubric gives nothing to score is listed (the
            // analyst looks for it) but cannot be opened: Enter says why.
            let supporting: Vec<&str> = rubric
                .items
                .iter()
                .filter(|i| i.is_supported_by(&d.name))
                .map(|i| i.id.as_str())
                .collect();
            let refused = (scored == 0).then(|| {
                let supports = if supporting.is_empty() {
                    String::new()
                } else {
                    let stop = if strings.lang == crate::lang::Lang::Zh {
                        "。"
                    } else {
                        "."
                    };
                    format!("{}{}{stop}", strings.supports, supporting.join("、"))
                };
                strings
                    .dept_nothing_to_score
                    .replace("{dept}", &d.name)
                    .replace("{supports}", &supports)
            });
            Choice {
                value: d.name.clone(),
                label: d.name.clone(),
                detail: match refused {
                    Some(_) => strings.dept_only_supports.to_string(),
                    None => crate::tui::i18n::count(strings.lang, scored, strings.items_count),
                },
                keywords: d.aliases.join(" "),
                refused,
            }
        })
        .collect();
    // The departments that score come first; the others after them.
    choices.sort_by_key(|c| c.refused.is_some());
    let preselect = preselect
        .and_then(|p| rubric.find_department(p).ok())
        .map(|d| d.name.clone());
    Stage::PickDepartment {
        picker: Picker::new(choices, preselect.as_deref()),
        chosen,
    }
}

/// The stage as it was, leaving a cheap placeholder for the moment it takes
/// to build the next one.
fn take(stage: &mut Stage) -> Stage {
    std::mem::replace(stage, Stage::PickRubric(Picker::new(Vec::new(), None)))
}

/// A department was chosen: on to the scorer's name, prefilled.
pub fn choose_department(stage: &mut Stage, department: String, scorer: Option<&str>) {
    *stage = match take(stage) {
        Stage::PickDepartment { chosen, .. } | Stage::Scorer { chosen, .. } => Stage::Scorer {
            chosen,
            department,
            field: TextField::with_text(scorer.unwrap_or_default()),
        },
        other => other,
    };
}

/// A bound key on a start list.
pub fn picker_action(stage: &mut Stage, action: Action, scorer: Option<&str>) -> Reply {
    let departments = matches!(stage, Stage::PickDepartment { .. });
    let (Stage::PickRubric(picker) | Stage::PickDepartment { picker, .. }) = stage else {
        return Reply::none();
    };
    match action {
        Action::Up => picker.step(-1),
        Action::Down => picker.step(1),
        Action::PageUp => picker.step(-10),
        Action::PageDown => picker.step(10),
        Action::First => picker.step(isize::MIN / 2),
        Action::Last => picker.step(isize::MAX / 2),
        Action::Cancel if !picker.filter().text().is_empty() => picker.clear_filter(),
        // Back to the rubric from the department: nothing chosen yet is lost.
        Action::Cancel | Action::Quit if departments => {
            return Reply::effect(Effect::PickRubric);
        }
        Action::Cancel | Action::Quit => return Reply::quit(),
        Action::Confirm => {
            let Some(choice) = picker.selected().map(|c| c.value.clone()) else {
                return Reply::none();
            };
            if let Some(why) = picker.selected().and_then(|c| c.refused.clone()) {
                return Reply::error(why);
            }
            if !departments {
                return Reply::effect(Effect::LoadRubric(choice));
            }
            choose_department(stage, choice, scorer);
        }
        _ => {}
    }
    Reply::none()
}

/// An action on the scorer's name: editing, confirm to open the draft,
/// cancel back to the department list with the department still chosen.
pub fn scorer_action(stage: &mut Stage, action: Action, strings: &Strings) -> Reply {
    if action == Action::Cancel {
        if let Stage::Scorer { chosen, department, .. } = take(stage) {
            *stage = department_stage(chosen, Some(&department), strings);
        }
        return Reply::none();
    }
    let Stage::Scorer {
        chosen,
        department,
        field,
    } = stage
    else {
        return Reply::none();
    };
    if action != Action::Confirm {
        field.apply(action);
        return Reply::none();
    }
    let name = field.text().trim().to_string();
    if name.is_empty() {
        return Reply::error(strings.scorer_needed);
    }
    Reply::effect(Effect::OpenDraft {
        source: chosen.source.clone(),
        rubric: Box::new(chosen.rubric.clone()),
        department: department.clone(),
        scorer: name,
    })
}
