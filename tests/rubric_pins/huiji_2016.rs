use crate::pins::{AreaPin, DeptPin, Pins};

pub const PINS: Pins = Pins {
    id: "huiji-2016",
    items: 20,
    deductions: 0,
    bonuses: 1,
    vetoes: 1,
    areas: &[
        AreaPin {
            name: "质量目标",
            stated: Some("20"),
            sum: "20",
        },
        AreaPin {
            name: "质量措施",
            stated: Some("80"),
            sum: "80",
        },
        AreaPin {
            name: "否决项",
            stated: None,
            sum: "0",
        },
        AreaPin {
            name: "加分项",
            stated: None,
            sum: "0",
        },
    ],
    departments: &[
        DeptPin {
            name: "区工商质监局",
            items: 11,
            points: "38",
            ids: &[
                "1.1.1", "2.1.2", "2.1.3", "2.1.4", "2.1.5", "2.1.8", "2.2.1", "2.2.2", "2.2.4", "2.2.5", "2.2.6",
            ],
        },
        DeptPin {
            name: "区农委",
            items: 4,
            points: "15",
            ids: &["1.1.2", "2.2.1", "2.2.4", "2.2.6"],
        },
        DeptPin {
            name: "各成员单位",
            items: 4,
            points: "8.5",
            ids: &["2.1.1", "2.1.3", "2.1.5", "2.2.1"],
        },
        DeptPin {
            name: "惠济区质量强区工作领导小组办公室",
            items: 3,
            points: "4",
            ids: &["2.1.2", "2.1.3", "2.1.4", "3.1.1", "4.1.1"],
        },
        DeptPin {
            name: "区督考办",
            items: 1,
            points: "0.5",
            ids: &["2.1.2"],
        },
        DeptPin {
            name: "区文化旅游局",
            items: 1,
            points: "5",
            ids: &["2.2.8"],
        },
        DeptPin {
            name: "区住建局",
            items: 1,
            points: "10",
            ids: &["2.2.7"],
        },
        DeptPin {
            name: "区食药监局",
            items: 3,
            points: "6.5",
            ids: &["2.2.1", "2.2.3", "2.2.4"],
        },
        DeptPin {
            name: "区环保局",
            items: 1,
            points: "0.5",
            ids: &["2.1.7"],
        },
        DeptPin {
            name: "区财政局",
            items: 1,
            points: "3",
            ids: &["2.1.6"],
        },
        DeptPin {
            name: "区发改统计局",
            items: 1,
            points: "4.5",
            ids: &["2.1.7"],
        },
        DeptPin {
            name: "区科工委",
            items: 2,
            points: "3.5",
            ids: &["2.2.2", "2.2.3"],
        },
        DeptPin {
            name: "区安监局",
            items: 1,
            points: "1",
            ids: &["2.2.3"],
        },
        DeptPin {
            name: "区交运局",
            items: 0,
            points: "0",
            ids: &[],
        },
    ],
};
