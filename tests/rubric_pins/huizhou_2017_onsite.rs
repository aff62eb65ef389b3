use crate::pins::{AreaPin, DeptPin, Pins};

pub const PINS: Pins = Pins {
    id: "huizhou-2017-onsite",
    items: 13,
    deductions: 0,
    bonuses: 0,
    vetoes: 0,
    areas: &[
        AreaPin {
            name: "汇报交流",
            stated: Some("70"),
            sum: "70",
        },
        AreaPin {
            name: "实地考察",
            stated: Some("30"),
            sum: "30",
        },
    ],
    departments: &[DeptPin {
        name: "市质量强市办",
        items: 13,
        points: "100",
        ids: &[
            "1.1.1", "1.1.2", "1.1.3", "1.1.4", "1.1.5", "1.1.6", "1.1.7", "2.1.1", "2.1.2", "2.1.3", "2.1.4", "2.1.5",
            "2.1.6",
        ],
    }],
    in_parts: &[("1.1.1", 2), ("1.1.3", 2)],
    helpers: &[
        ("1.1.1#1", "scale"),
        ("1.1.1#2", "scale"),
        ("1.1.2", "scale"),
        ("1.1.3#1", "scale"),
        ("1.1.3#2", "scale"),
        ("1.1.4", "scale"),
        ("1.1.5", "scale"),
        ("1.1.6", "scale"),
        ("1.1.7", "scale"),
        ("2.1.1", "scale"),
        ("2.1.2", "scale"),
        ("2.1.3", "scale"),
        ("2.1.4", "scale"),
        ("2.1.5", "scale"),
        ("2.1.6", "scale"),
    ],
    joint_reports: &[],
    graded: false,
    veto_grade: None,
    rules: &[],
};
