//! The office's errors (a score file refused, a merge stopped, the trust
//! file) in Chinese, beside the workbench's: the command line and the
//! workbench say one thing one way.

use super::errors::io_reason_zh;
use crate::lang::Lang;
use crate::seal::dsse::EnvelopeError;
use crate::seal::trust::{KeyIdError, OtherDepartment, TrustError, TrustProblem, Unreadable};
use crate::seal::verify::VerifyError;

/// A score file that does not verify: what is wrong, and who must act.
pub fn verify_error(lang: Lang, e: &VerifyError) -> String {
    use VerifyError as V;
    if lang == Lang::En {
        return e.to_string();
    }
    match e {
        V::Unreadable { file, kind, .. } => format!("{file}：无法读取（{}）", super::read_reason_zh(*kind)),
        V::TooLarge { file, size, max } => {
            format!("{file}：{size} 字节，超过评分文件的上限 {max} 字节；它不是 kaohe 的评分文件")
        }
        V::Envelope { file, source } => format!("{file}：不是有效的签名文件：{}", envelope_error_zh(source)),
        V::PayloadType { file, found } => {
            format!("{file}：内容类型为“{found}”，不是 kaohe 的评分文件")
        }
        V::Unsigned { file } => format!("{file}：文件没有签名；请该部门重新导出"),
        V::UnknownSigner {
            file,
            key_id,
            has_trust,
        } => format!(
            "{file}：签名密钥 {key_id} 不在信任文件中{}；请用 kaohe trust add 加入该部门的密钥行（或用 --key 给出）后再核验",
            if *has_trust {
                ""
            } else {
                "（没有给出信任文件）"
            }
        ),
        V::BadSignature { file, key_id } => {
            format!("{file}：密钥 {key_id} 的签名与内容不符：文件在签名后被改动或已损坏；请向该部门重新索取文件")
        }
        V::Payload { file, reason } => format!("{file}：签名的内容不是 kaohe 的评分文件（{reason}）"),
        V::KeyMismatch { file, claimed, signed } => {
            format!("{file}：内容写的是密钥 {claimed}，签名的却是密钥 {signed}；文件不予接受")
        }
        V::OtherScorer {
            file,
            key_id,
            key_scorer,
            claims,
        } => format!(
            "{file}：内容写的评分人是{claims}，但密钥 {key_id} 属于{key_scorer}；评分人只能用自己的密钥签名，文件不予接受"
        ),
        V::FromTheFuture { file, created, now } => format!(
            "{file}：按文件自己的日期生成于 {}，比现在（{}）晚一天以上：签名人电脑的时钟不对；请该部门校准时钟后重新导出",
            crate::clock::local(created),
            crate::clock::local(now)
        ),
        V::Revoked { file, key_id } => {
            format!(
                "{file}：密钥 {key_id} 已被吊销，它签名的文件不再接受：请把这个文件移出要汇总的文件；该部门须用新密钥重新导出"
            )
        }
        V::OtherDepartment {
            file,
            key_id,
            trusted_for,
            claims,
        } => format!("{file}：密钥 {key_id} 受信任的部门是{trusted_for}，不是{claims}；一个部门只能签自己的分数"),
        V::Untrusted {
            file,
            key_id,
            department,
        } => format!(
            "{file}：密钥 {key_id} 未受信任为{department}的密钥；签名完好，用 kaohe trust add 加入该部门的密钥行后即可接受"
        ),
        V::UnknownRubric { file, rubric, hash } => format!(
            "{file}：按评分细则 {rubric}（哈希 {hash}）评分，与 kaohe 所知的同名细则不同（另一版本或被改动过）；部门须按质强办的细则评分"
        ),
        other => content_error_zh(other),
    }
}

/// What is wrong with a verified file's content: who and what it scores.
fn content_error_zh(e: &VerifyError) -> String {
    use VerifyError as V;
    match e {
        V::UnknownDepartment {
            file,
            department,
            rubric,
        } => format!("{file}：{department} 不是评分细则 {rubric} 的部门"),
        V::UnknownDistrict { file, district, rubric } => {
            format!("{file}：“{district}”不是评分细则 {rubric} 的被考核地区")
        }
        V::NotOwned {
            file,
            department,
            district,
            unit,
            owners,
        } => format!(
            "{file}：{department}给{district}的 {unit} 打了分，但这一项不归它评（{}）；整个文件不予接受",
            if owners.is_empty() {
                "细则中没有这一项".to_string()
            } else {
                format!("由{}评分", owners.join("、"))
            }
        ),
        V::Duplicate { file, district, unit } => format!("{file}：{district} / {unit} 出现了两次"),
        V::OutOfBounds {
            file,
            district,
            unit,
            score,
            refusal,
        } => format!(
            "{file}：{district} / {unit}：{}",
            crate::scoring::rule::refusal_with_score(refusal, *score, Lang::Zh)
        ),
        other => other.to_string(),
    }
}

/// Why a file is not a signed envelope.
fn envelope_error_zh(e: &EnvelopeError) -> String {
    use EnvelopeError as E;
    match e {
        E::NotUtf8 => "不是 UTF-8 编码的 JSON".into(),
        // The parser's own reason is English and adds nothing a clerk acts on.
        E::Json { line, column, .. } => {
            format!("JSON 在第 {line} 行第 {column} 列处损坏：文件是否被截断或改动过？")
        }
        E::DuplicateKey { key } => format!("同一对象中键“{key}”出现了两次；签名文件不会如此，它被篡改过"),
        E::Base64 { field } => format!("{field} 不是规范的 base64（标准字母表，带填充）；它被改动过，或由其他工具生成"),
        E::SignatureCount(n) => format!("kaohe 评分文件恰有一个签名，这个文件有 {n} 个"),
        E::SignatureLength => "签名不是 64 字节".into(),
    }
}

/// The reports not put in place as a set, or an interrupted set not finished.
pub fn set_error(lang: Lang, e: &crate::io::report_set::SetError) -> String {
    use crate::io::report_set::{JOURNAL, SetError as S};
    if lang == Lang::En {
        return e.to_string();
    }
    match e {
        S::Symlink { path } => {
            format!("{path} 是符号链接；kaohe 从不通过它写报表：请删去它，或换一个 --out 目录。没有写出任何文件")
        }
        S::Directory { path } => {
            format!("{path} 是一个目录，不是报表；请把它移走，或换一个 --out 目录。没有写出任何文件")
        }
        S::Busy { dir } => format!("另一个 kaohe 正在 {dir} 写报表（其日志 {JOURNAL} 被锁定）；请等它结束后再汇总"),
        S::BadJournal { path, .. } => format!("{path} 不是 kaohe 写的日志；请查看该目录中的文件，删去它后再汇总"),
        S::Write { path, dir, source } => format!(
            "无法写入 {path}（{}）；{dir} 中的报表一个也没有被替换，原有的一套完整",
            io_reason_zh(source.kind())
        ),
        S::Replace {
            path,
            dir,
            replaced,
            source,
        } => format!(
            "无法把 {path} 换上（{}）；{dir} 中的这套报表不完整（在它之前已替换：{}）：请重新汇总",
            io_reason_zh(source.kind()),
            if replaced.is_empty() {
                "无".to_string()
            } else {
                replaced.join("、")
            }
        ),
        S::Recover { dir, source } => format!(
            "无法补完上次被中断的汇总留在 {dir} 的报表（{}）；其日志 {JOURNAL} 保留",
            io_reason_zh(source.kind())
        ),
    }
}

/// Why a merge wrote no reports.
pub fn stopped(lang: Lang, e: &crate::office::Stopped) -> String {
    use crate::office::Stopped as S;
    if lang == Lang::En {
        return e.to_string();
    }
    match e {
        S::NoTrust { default_trust } => format!(
            "汇总需要质强办的信任文件：请用 --trust 给出，或用 kaohe trust add 加入各部门的密钥（存入 {}）",
            default_trust.display()
        ),
        S::Rejected { rejected, given } => format!(
            "{given} 个文件中有 {} 个未通过核验；没有汇总任何内容（改正或去掉这些文件后重新汇总）",
            rejected.len()
        ),
        S::NoFiles => "没有要汇总的文件".into(),
        S::UnknownRubric(id) => format!("kaohe 不认识评分细则 {id}"),
        S::Merge(e) => merge_error(lang, e),
        S::Reports { dir, source } => match source.get_ref().and_then(|inner| inner.downcast_ref()) {
            Some(set) => set_error(lang, set),
            None => format!(
                "无法在 {dir} 写出汇总报表（{}）；原有的一套报表完整",
                io_reason_zh(source.kind())
            ),
        },
        S::Threads => "一个核验线程出错；没有核验任何文件".into(),
    }
}

/// A merge that stopped: nothing was written.
pub fn merge_error(lang: Lang, e: &crate::merge::MergeError) -> String {
    use crate::merge::MergeError as M;
    if lang == Lang::En {
        return e.to_string();
    }
    match e {
        M::NoFiles => "没有要汇总的评分文件".into(),
        M::WrongRubric { file, found, expected } => {
            format!("{file} 按评分细则 {found} 评分，而其他文件是 {expected}；请按细则分别汇总")
        }
        M::Equivocation {
            department,
            scorer,
            revision,
            files,
        } => format!(
            "{scorer}的密钥签了两个不同的文件，都自称{department}的第 {revision} 版：{} 和 {}；请向{department}确认哪一个是定稿，不带另一个重新汇总",
            files.0, files.1
        ),
        M::Conflict(c) => {
            let more = if c.count > c.cells.len() {
                format!(" 等共 {} 格", c.count)
            } else {
                String::new()
            };
            format!(
                "{department}两位评分人的文件列了相同的格：{}（{}）和 {}（{}）都有 {}{more}；请向{department}确认以谁的为准，然后不带另一个文件汇总，或等其评分人去掉这些格重新导出",
                c.first.0,
                c.first.1,
                c.second.0,
                c.second.1,
                c.cells.join("、"),
                department = c.department
            )
        }
        M::OutOfOrder(o) => format!(
            "{department}{scorer}的第 {} 版（{}）生成于 {}，早于其第 {} 版（{}）的 {}：两个日期中有一个不对，哪个文件是{department}的最终稿并不清楚；请向{department}确认，不带不是最终稿的那个文件重新汇总",
            o.newer.1,
            o.newer.0,
            crate::clock::local(&o.newer.2),
            o.older.1,
            o.older.0,
            crate::clock::local(&o.older.2),
            department = o.department,
            scorer = o.scorer
        ),
        M::Overflow { district, item, files } => format!(
            "{district}{}的分数相加超出了十进制数的范围；kaohe 的文件不会如此（核验会限定每一格），所以 {} 没有经过核验：请核验后再汇总",
            item.as_ref().map_or("的总分".to_string(), |i| format!("第 {i} 项")),
            files.join("、")
        ),
    }
}

/// The trust file cannot be read, has a wrong line, or cannot be written.
pub fn trust_error(lang: Lang, e: &TrustError) -> String {
    if lang == Lang::En {
        return e.to_string();
    }
    match e {
        TrustError::Unreadable { path, why } => {
            let why = match why {
                Unreadable::TooLarge { size, limit } => format!("{size} 字节，超过信任文件的上限 {limit} 字节"),
                Unreadable::NotUtf8 => "不是 UTF-8 文本".into(),
                Unreadable::Io(e) => io_reason_zh(e.kind()).into(),
            };
            format!("{path}：无法读取信任文件（{why}）")
        }
        TrustError::Invalid { path, line, problem } => {
            let problem = match problem {
                TrustProblem::Toml(reason) => format!("不是信任文件的格式（{reason}）"),
                TrustProblem::RevokedNotWhole(id) => format!(
                    "吊销的“{id}”不是完整的密钥 id（64 位小写十六进制，如 kaohe trust list 所示）；请写完整，或删去这一条后运行 kaohe trust revoke <id>"
                ),
                TrustProblem::TwoDepartments { key_id, first, second } => {
                    format!("密钥 {key_id} 同时列给了{first}和{second}；一把密钥只为一个部门签名：请只留下正确的一条")
                }
                TrustProblem::BadKey { department, error } => {
                    format!("{department}的密钥：{}", key_line_error_zh(error))
                }
            };
            format!("{path}:{line}：{problem}；请修正文件，或用 kaohe trust add 重建")
        }
        TrustError::Write { path, source } => format!(
            "{path}：无法写入信任文件（{}）；请检查权限和磁盘空间",
            io_reason_zh(source.kind())
        ),
    }
}

/// A key line the office was given that is not one.
pub fn key_line_error_zh(e: &crate::seal::keys::KeyError) -> String {
    use crate::seal::keys::{LinePart, LineProblem};
    match e {
        crate::seal::keys::KeyError::BadLine(problem) => {
            let why = match problem {
                LineProblem::Empty => "是空的".to_string(),
                LineProblem::Algorithm(a) => format!("算法是“{a}”，kaohe 用 ed25519 签名"),
                LineProblem::Missing(part) => format!(
                    "缺少{}",
                    match part {
                        LinePart::KeyId => "密钥 id",
                        LinePart::PublicKey => "公钥",
                        LinePart::Department => "部门",
                        LinePart::Scorer => "评分人",
                    }
                ),
                LineProblem::NotBase64 => "公钥不是规范的 base64".into(),
                LineProblem::KeyLength => "公钥不是 32 字节".into(),
                LineProblem::IdMismatch => "密钥 id 不是公钥的 SHA-256：这一行被改动过或抄错了".into(),
            };
            format!(
                "不是 kaohe 的密钥行（{why}）；密钥行形如 ed25519 <密钥id> <base64公钥> <部门> <评分人>，即 kaohe key show 打印的那一行"
            )
        }
        other => super::errors::key_error_words_zh(other).unwrap_or_else(|| other.to_string()),
    }
}

/// A department named on the command line that no rubric has, or several.
pub fn named_error(lang: Lang, e: &crate::rubric::catalog::NamedError) -> String {
    use crate::rubric::catalog::NamedError as N;
    match (lang, e) {
        (Lang::En, e) => e.to_string(),
        (Lang::Zh, N::Unknown { query, rubrics, known }) => format!(
            "“{query}”不是 {} 中任何部门的名称或别名；请按评分细则的写法写出部门全称{}",
            rubrics.join("、"),
            if known.is_empty() {
                "（或用 --rubric 指明细则）".to_string()
            } else {
                format!("：{}", known.join("、"))
            }
        ),
        (Lang::Zh, N::Ambiguous { query, candidates }) => format!(
            "“{query}”可指：{}；请写出部门全称（或用 --rubric 指明细则）",
            candidates.join("、")
        ),
    }
}

/// A key named by id that cannot be moved or revoked.
pub fn key_id_error(lang: Lang, e: &KeyIdError) -> String {
    match (lang, e) {
        (Lang::En, e) => e.to_string(),
        (Lang::Zh, KeyIdError::Revoked(id)) => format!("密钥 {id} 已被吊销；吊销的密钥不会再受信任"),
        (Lang::Zh, KeyIdError::NoSuch(id)) => {
            format!("没有以“{id}”开头的受信任密钥 id（请至少给出 8 位十六进制数字）")
        }
        (Lang::Zh, KeyIdError::Several(id)) => format!("以“{id}”开头的密钥 id 不止一个；请多给几位"),
    }
}

/// A key offered for a department while it is trusted for another.
pub fn other_department(lang: Lang, e: &OtherDepartment) -> String {
    let OtherDepartment {
        key_id,
        trusted_for,
        asked,
    } = e;
    match lang {
        Lang::En => e.to_string(),
        Lang::Zh => format!(
            "密钥 {key_id} 已受信任为{trusted_for}的密钥，不能再为{asked}所信任：一把密钥只为一个部门签名。若{trusted_for}是加错了，请运行 kaohe trust move {key_id} --dept {asked}；若你拿到的密钥行写的是{asked}，它被改动过：请向{asked}索取它自己的密钥行"
        ),
    }
}
