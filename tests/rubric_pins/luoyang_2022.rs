use crate::pins::{AreaPin, DeptPin, Pins};

pub const PINS: Pins = Pins {
    id: "luoyang-2022",
    items: 67,
    deductions: 6,
    bonuses: 4,
    vetoes: 1,
    areas: &[
        AreaPin {
            name: "质量整体水平",
            stated: Some("27"),
            sum: "27",
        },
        AreaPin {
            name: "质量政策体系",
            stated: Some("25"),
            sum: "23",
        },
        AreaPin {
            name: "质量安全监管",
            stated: Some("23"),
            sum: "23",
        },
        AreaPin {
            name: "质量促进措施",
            stated: Some("10"),
            sum: "10",
        },
        AreaPin {
            name: "质量基础设施",
            stated: Some("15"),
            sum: "15",
        },
    ],
    departments: &[
        DeptPin {
            name: "洛阳市质量强市工作领导小组办公室",
            items: 3,
            points: "11",
            ids: &["1.1.1", "1.1.8", "1.2.7", "2.1.1", "4.3.1"],
        },
        DeptPin {
            name: "市农业农村局",
            items: 5,
            points: "10",
            ids: &["1.1.2", "1.2.3", "2.3.1", "2.3.2", "3.1.2", "3.3.5"],
        },
        DeptPin {
            name: "市交通局",
            items: 3,
            points: "5",
            ids: &["1.1.3", "1.1.6", "1.2.6", "3.2.1"],
        },
        DeptPin {
            name: "洛阳无线电管理局",
            items: 1,
            points: "1",
            ids: &["1.1.4"],
        },
        DeptPin {
            name: "市水利局",
            items: 1,
            points: "5",
            ids: &["1.1.5"],
        },
        DeptPin {
            name: "市文化广电和旅游局",
            items: 3,
            points: "10",
            ids: &["1.1.7", "1.2.4", "2.3.8", "4.1.4"],
        },
        DeptPin {
            name: "洛阳市市场监督管理局",
            items: 30,
            points: "34",
            ids: &[
                "1.2.1", "1.2.2", "2.3.9", "2.3.10", "2.3.11", "2.3.12", "3.1.1", "3.2.3", "3.2.4", "3.3.1", "3.3.2",
                "3.3.3", "4.2.1", "4.2.2", "5.1.1", "5.1.2", "5.2.1", "5.2.2", "5.2.3", "5.2.4", "5.3.1", "5.3.2",
                "5.3.3", "5.4.1", "5.4.2", "5.4.3", "5.4.4", "5.5.1", "5.5.2", "5.5.3", "5.5.4", "5.5.5",
            ],
        },
        DeptPin {
            name: "市住建局",
            items: 3,
            points: "7",
            ids: &["1.2.5", "2.3.5", "3.2.2", "4.1.2", "4.3.3", "4.3.4"],
        },
        DeptPin {
            name: "市工信局",
            items: 1,
            points: "4",
            ids: &["2.3.3"],
        },
        DeptPin {
            name: "市教育局",
            items: 1,
            points: "3",
            ids: &["2.3.4", "4.3.2"],
        },
        DeptPin {
            name: "市商务局",
            items: 2,
            points: "2",
            ids: &["2.3.6", "2.3.7"],
        },
        DeptPin {
            name: "市公安局",
            items: 2,
            points: "4",
            ids: &["3.3.4", "4.1.1"],
        },
        DeptPin {
            name: "市卫生健康委",
            items: 1,
            points: "2",
            ids: &["4.1.3"],
        },
    ],
    in_parts: &[],
    helpers: &[("1.2.1", "per_event"), ("4.3.1", "award"), ("4.3.2", "award")],
    joint_reports: &[],
    graded: true,
    veto_grade: Some("D"),
    rules: &[],
};
