use crate::pins::{AreaPin, DeptPin, Pins};

pub const PINS: Pins = Pins {
    id: "suizhou-2022",
    items: 72,
    deductions: 6,
    bonuses: 0,
    vetoes: 0,
    areas: &[
        // 5+2+5+1+6+1.25+2+4: 1.25 is the item that lost its text (城市公共交通服务)
        AreaPin {
            name: "质量整体水平",
            stated: Some("26.25"),
            sum: "26.25",
        },
        // 2 + 1+1+3+1+2+1+0.5+0.5+2+1.5+1.5+2+2: the second 1 lost its text (网络市场监管)
        AreaPin {
            name: "质量政策制度",
            stated: Some("21"),
            sum: "21",
        },
        AreaPin {
            name: "质量安全管理",
            stated: Some("26.3"),
            sum: "26.3",
        },
        AreaPin {
            name: "质量促进措施",
            stated: Some("12.25"),
            sum: "12.25",
        },
        AreaPin {
            name: "质量基础设施",
            stated: Some("14.2"),
            sum: "14.2",
        },
    ],
    departments: &[
        DeptPin {
            name: "市质强办",
            items: 4,
            points: "11",
            ids: &["1.1.1", "2.1.1", "4.3.1", "5.1.1"],
        },
        DeptPin {
            name: "市农业农村局",
            items: 5,
            points: "10",
            ids: &["1.1.2", "1.2.3", "2.2.9", "3.2.2", "3.3.3", "5.3.7"],
        },
        DeptPin {
            name: "市水利和湖泊局",
            items: 1,
            points: "5",
            ids: &["1.1.3"],
        },
        DeptPin {
            name: "市交通运输局",
            items: 4,
            points: "4.75",
            ids: &["1.1.4", "1.1.6", "1.2.5", "3.2.4", "4.1.5"],
        },
        DeptPin {
            name: "市文旅局",
            items: 3,
            points: "10",
            ids: &["1.1.5", "1.2.6", "2.2.13", "4.1.2"],
        },
        DeptPin {
            name: "市卫健委",
            items: 1,
            points: "2",
            ids: &["1.1.7"],
        },
        DeptPin {
            name: "随州市市场监督管理局",
            items: 34,
            points: "31.5",
            ids: &[
                "1.1.8", "1.2.1", "1.2.2", "2.2.1", "2.2.2", "2.2.7", "2.2.8", "3.1.2", "3.2.1", "3.2.3", "3.3.1",
                "3.3.4", "3.3.5", "4.1.4", "4.2.1", "4.3.2", "5.1.2", "5.2.1", "5.2.2", "5.2.3", "5.2.4", "5.2.5",
                "5.2.6", "5.3.1", "5.3.2", "5.3.3", "5.3.4", "5.3.5", "5.3.6", "5.4.1", "5.4.2", "5.5.1", "5.5.2",
                "5.5.3", "5.5.4", "5.5.5",
            ],
        },
        DeptPin {
            name: "市住建局",
            items: 4,
            points: "8.75",
            ids: &["1.2.4", "2.2.3", "3.2.5", "4.1.3", "4.2.2"],
        },
        DeptPin {
            name: "市商务局",
            items: 1,
            points: "1",
            ids: &["2.2.4"],
        },
        DeptPin {
            name: "市教育局",
            items: 3,
            points: "4",
            ids: &["2.2.5", "2.2.6", "4.2.3"],
        },
        DeptPin {
            name: "市经信局",
            items: 3,
            points: "5",
            ids: &["2.2.10", "2.2.11", "2.2.12"],
        },
        DeptPin {
            name: "随州海关",
            items: 1,
            points: "3",
            ids: &["3.1.1"],
        },
        DeptPin {
            name: "市公安局",
            items: 2,
            points: "4",
            ids: &["3.3.2", "4.1.1"],
        },
    ],
};
