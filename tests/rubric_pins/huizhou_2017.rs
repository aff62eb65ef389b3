use crate::pins::{AreaPin, DeptPin, Pins};

pub const PINS: Pins = Pins {
    id: "huizhou-2017",
    items: 45,
    deductions: 1,
    bonuses: 0,
    vetoes: 1,
    areas: &[
        AreaPin {
            name: "质量目标",
            stated: Some("56"),
            sum: "56",
        },
        AreaPin {
            name: "质量措施",
            stated: Some("44"),
            sum: "44",
        },
        AreaPin {
            name: "否决项",
            stated: None,
            sum: "0",
        },
        AreaPin {
            name: "扣分项",
            stated: None,
            sum: "0",
        },
    ],
    departments: &[
        DeptPin {
            name: "质监部门",
            items: 8,
            points: "16",
            ids: &["1.1.1", "1.5.2", "2.1.1", "2.1.2", "2.2.3", "2.2.4", "2.5.2", "2.9.2"],
        },
        DeptPin {
            name: "农业部门",
            items: 4,
            points: "7",
            ids: &["1.1.2", "2.2.2", "2.5.5", "2.9.3"],
        },
        DeptPin {
            name: "海洋渔业部门",
            items: 0,
            points: "0",
            ids: &[],
        },
        DeptPin {
            name: "食品药品监管部门",
            items: 3,
            points: "6",
            ids: &["1.1.3", "2.5.3", "2.10.1"],
        },
        DeptPin {
            name: "住房和城乡规划建设部门",
            items: 4,
            points: "9.5",
            ids: &["1.2.1", "1.4.2", "2.6.1", "2.6.2"],
        },
        DeptPin {
            name: "水务部门",
            items: 1,
            points: "4",
            ids: &["1.2.2"],
        },
        DeptPin {
            name: "交通运输部门",
            items: 3,
            points: "7",
            ids: &["1.2.3", "2.5.6", "2.6.3"],
        },
        DeptPin {
            name: "发展改革部门",
            items: 2,
            points: "6",
            ids: &["1.3.1", "2.7.1"],
        },
        DeptPin {
            name: "商务部门",
            items: 2,
            points: "5",
            ids: &["1.3.2", "2.2.1"],
        },
        DeptPin {
            name: "统计部门",
            items: 0,
            points: "0",
            ids: &[],
        },
        DeptPin {
            name: "旅游部门",
            items: 3,
            points: "7",
            ids: &["1.3.3", "2.7.2", "2.10.2"],
        },
        DeptPin {
            name: "环保部门",
            items: 5,
            points: "16.5",
            ids: &["1.4.1", "1.4.2", "2.8.1", "2.8.2", "2.8.3"],
        },
        DeptPin {
            name: "科技部门",
            items: 1,
            points: "4",
            ids: &["1.5.1"],
        },
        DeptPin {
            name: "检验检疫部门",
            items: 0,
            points: "0",
            ids: &[],
        },
        DeptPin {
            name: "经济和信息化局",
            items: 3,
            points: "6",
            ids: &["2.3.1", "2.3.2", "2.4.1"],
        },
        DeptPin {
            name: "工商部门",
            items: 2,
            points: "2",
            ids: &["2.2.5", "2.5.4"],
        },
        DeptPin {
            name: "检察机关",
            items: 1,
            points: "1",
            ids: &["2.5.1"],
        },
        DeptPin {
            name: "知识产权部门",
            items: 0,
            points: "0",
            ids: &[],
        },
        DeptPin {
            name: "卫生和计划生育部门",
            items: 2,
            points: "3",
            ids: &["2.7.3", "2.9.1"],
        },
        DeptPin {
            name: "公安部门",
            items: 0,
            points: "0",
            ids: &["3.1.1", "4.1.1"],
        },
        DeptPin {
            name: "安监部门",
            items: 0,
            points: "0",
            ids: &[],
        },
    ],
};
