//! The words of the overview grid typed into as a spreadsheet: the entry
//! over a cell, a pasted column's confirmation.

pub struct GridStrings {
    pub grid_typing_keys: &'static str,
    pub grid_type_hint: &'static str,
    pub paste_title: &'static str,
    pub paste_question: &'static str,
    pub paste_refused: &'static str,
    pub paste_keys: &'static str,
    pub paste_close: &'static str,
    pub paste_too_many: &'static str,
    pub paste_done: &'static str,
    pub paste_cancelled: &'static str,
    pub paste_nothing: &'static str,
    pub grid_veto_elsewhere: &'static str,
    pub paste_was: &'static str,
    pub paste_columns: &'static str,
}

pub static ZH: GridStrings = GridStrings {
    grid_typing_keys: "{entry.confirm} 记入并到下一地区  {entry.switch_entry} 记入并到下一项  {entry.cancel} 不记",
    grid_type_hint: "输入数字直接评分，可粘贴一列",
    paste_title: "粘贴一列",
    paste_question: "自 {district} 起向下，把 {n} 个值填入 {unit}：",
    paste_refused: "有 {n} 个值不能记入，整列都不写入；改好后再粘贴",
    paste_keys: "{confirm.confirm} 全部记入（按 {undo} 可一次撤销）   {confirm.cancel} 取消",
    paste_close: "任意键关闭",
    paste_too_many: "比下面的地区多 {n} 个值",
    paste_done: "已粘贴：{unit} {n} 格",
    paste_cancelled: "粘贴已取消，什么也没有写入",
    paste_nothing: "粘贴的内容里没有值",
    grid_veto_elsewhere: "否决要连同理由一起记：请按 {entry.cancel} 回到总览，再按 {grid.confirm} 到该格去评",
    paste_was: "（原为 {was}）",
    paste_columns: "粘贴的是多列：一次只能粘贴一列（一个项目的各地区），什么也没有写入",
};

pub static EN: GridStrings = GridStrings {
    grid_typing_keys: "{entry.confirm} records, next district  {entry.switch_entry} records, next item  {entry.cancel} drops it",
    grid_type_hint: "type a number to score, or paste a column",
    paste_title: "paste a column",
    paste_question: "from {district} down, {n} values into {unit}:",
    paste_refused: "{n} value(s) cannot be recorded, so none is written; correct them and paste again",
    paste_keys: "{confirm.confirm} records them all ({undo} undoes it in one step)   {confirm.cancel} cancels",
    paste_close: "any key closes",
    paste_too_many: "{n} more values than districts below",
    paste_done: "pasted: {unit}, {n} cells",
    paste_cancelled: "paste cancelled; nothing written",
    paste_nothing: "the paste holds no value",
    grid_veto_elsewhere: "a veto is recorded with its reason: {entry.cancel} back to the overview, then {grid.confirm} goes to the cell",
    paste_was: " (was {was})",
    paste_columns: "that is several columns: paste one column (one item's districts) at a time; nothing written",
};
