use crate::pins::{AreaPin, DeptPin, Pins, RulePin};

pub const PINS: Pins = Pins {
    id: "yuncheng-2022",
    items: 42,
    deductions: 3,
    bonuses: 0,
    vetoes: 1,
    areas: &[
        AreaPin {
            name: "质量水平状况",
            stated: None,
            sum: "11",
        },
        AreaPin {
            name: "质量政策体系",
            stated: None,
            sum: "13",
        },
        AreaPin {
            name: "质量安全监管",
            stated: None,
            sum: "35",
        },
        AreaPin {
            name: "质量促进措施",
            stated: None,
            sum: "32",
        },
        AreaPin {
            name: "质量基础设施",
            stated: None,
            sum: "9",
        },
        AreaPin {
            name: "减分项",
            stated: None,
            sum: "0",
        },
        AreaPin {
            name: "否决项",
            stated: None,
            sum: "0",
        },
    ],
    departments: &[
        DeptPin {
            name: "市市场监管局",
            items: 14,
            points: "34",
            ids: &[
                "1.1.1", "2.2.4", "2.2.5", "3.1.1", "3.1.2", "3.2.2", "4.2.1", "4.3.2", "4.4.1", "4.4.3", "5.1.1",
                "5.2.1", "5.3.1", "5.4.1", "6.1.1",
            ],
        },
        DeptPin {
            name: "市农业农村局",
            items: 4,
            points: "11",
            ids: &["1.2.1", "2.2.1", "3.1.4", "3.2.1", "6.1.2"],
        },
        DeptPin {
            name: "市交通局",
            items: 3,
            points: "6",
            ids: &["1.3.1", "2.2.2", "3.1.6"],
        },
        DeptPin {
            name: "市文旅局",
            items: 3,
            points: "12",
            ids: &["1.4.1", "3.1.9", "4.1.3", "6.1.3"],
        },
        DeptPin {
            name: "市标准化和质量强市领导小组办公室",
            items: 2,
            points: "2",
            ids: &["2.1.1", "4.1.1", "7.1.1"],
        },
        DeptPin {
            name: "市住建局",
            items: 3,
            points: "7",
            ids: &["2.2.3", "3.1.7", "4.4.4"],
        },
        DeptPin {
            name: "市卫健委",
            items: 2,
            points: "7",
            ids: &["3.1.3", "4.1.4"],
        },
        DeptPin {
            name: "运城海关",
            items: 1,
            points: "4",
            ids: &["3.1.5"],
        },
        DeptPin {
            name: "市水利局",
            items: 1,
            points: "5",
            ids: &["3.1.8"],
        },
        DeptPin {
            name: "市公安局",
            items: 2,
            points: "6",
            ids: &["3.2.3", "4.3.3"],
        },
        DeptPin {
            name: "市工信局",
            items: 3,
            points: "6",
            ids: &["4.1.2", "4.3.1", "4.4.2"],
        },
    ],
    in_parts: &[("1.1.1", 2)],
    helpers: &[],
    joint_reports: &[],
    graded: false,
    veto_grade: Some("较差"),
    rules: &[RulePin {
        unit: "7.1.1",
        words: "考核结果一律为较差等次",
        gives: &[],
        said: None,
        scored_by: None,
    }],
};
