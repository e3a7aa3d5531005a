//! The synthetic site the benchmarks build and serve: `plans` plans of 10 projects (with 20
//! sub-projects), 8 targets, duties, a full text, a calendar, two or three yearly reports and a
//! supervision activity with three recommendations each, in both languages, four plans per district of 12 agencies.

use std::fmt::Write as _;
use std::path::Path;

const AGENCIES_PER_DISTRICT: usize = 12;

fn text(vi: &str, en: &str) -> String {
    format!("{{ vi = \"{vi}\", en = \"{en}\" }}")
}

pub fn write_site(root: &Path, plans: usize) -> std::io::Result<()> {
    let districts = plans.div_ceil(4);
    std::fs::create_dir_all(root.join("agencies"))?;
    std::fs::create_dir_all(root.join("pages"))?;
    std::fs::write(
        root.join("site.toml"),
        format!(
            "title = {}\npublisher = {}\nas_of = \"2025-03-01\"\n",
            text("Kế hoạch", "Plans"),
            text("Nhóm thử", "Bench")
        ),
    )?;
    std::fs::write(
        root.join("pages/about.vi.md"),
        "# Giới thiệu\n\nTrang thử.\n",
    )?;
    std::fs::write(root.join("pages/about.en.md"), "# About\n\nBench page.\n")?;
    for d in 0..districts {
        let mut s = String::new();
        for a in 0..AGENCIES_PER_DISTRICT {
            let kind = if a == 0 {
                "people-committee"
            } else if a == 11 {
                "front"
            } else {
                "office"
            };
            writeln!(
                s,
                "[[agency]]\nid = \"d{d}-a{a}\"\nname = {}\nkind = \"{kind}\"\narea = {}\n",
                text(
                    &format!("Phòng số {a} huyện {d}"),
                    &format!("Office {a} of district {d}")
                ),
                text(&format!("huyện {d}"), &format!("District {d}"))
            )
            .unwrap();
        }
        std::fs::write(root.join(format!("agencies/d{d}.toml")), s)?;
    }
    for p in 0..plans {
        let d = p / 4;
        let dir = root.join(format!("plans/plan-{p}"));
        std::fs::create_dir_all(&dir)?;
        let mut plan = format!(
            "kind = \"plan\"\nnumber = \"{p}/KH-UBND\"\ndate = \"2022-10-11\"\nissuer = \"d{d}-a0\"\nplace = {}\ntitle = {}\nperiod = {{ from = 2021, to = 2025, orientation = 2030 }}\n",
            text("Huyện", "District"),
            text(&format!("Kế hoạch số {p} thực hiện Chương trình mục tiêu quốc gia"), &format!("Plan {p} implementing the National Target Programme"))
        );
        plan.push_str(&format!(
            "legal_bases = [{}]\npurposes = [{}]\n",
            text("Quyết định số 1719/QĐ-TTg", "Decision 1719/QĐ-TTg"),
            text("Cụ thể hóa các mục tiêu", "Make the objectives concrete")
        ));
        plan.push_str(
            "\n[[printed_total]]\namount = \"27.500\"\nphase = \"proposed\"\nref = \"IV\"\n",
        );
        std::fs::write(dir.join("plan.toml"), plan)?;
        let mut targets = String::new();
        for t in 0..8 {
            writeln!(targets, "[[target]]\nid = \"t{t}\"\nhorizon = {}\nindicator = {}\ntext = {}\nshape = \"threshold\"\nop = \"at-least\"\nvalue = \"9{t},5\"\nunit = \"%\"\nlead = [\"d{d}-a{}\"]\n", 2025 + (t % 2) * 5, text("Tỷ lệ hộ dùng nước sạch", "Share of households with clean water"), text(&format!("đạt từ 9{t},5% trở lên"), &format!("at least 9{t}.5%")), 1 + t % 10).unwrap();
        }
        std::fs::write(dir.join("targets.toml"), targets)?;
        let mut projects = String::new();
        for j in 1..=10 {
            writeln!(projects, "[[project]]\nid = \"du-an-{j}\"\ncode = {}\ntitle = {}\nobjectives = [{}]\ntasks = [{}, {}]\nlead = [\"d{d}-a{}\"]\nsupport = [\"d{d}-a{}\"]\n", text(&format!("Dự án {j}"), &format!("Project {j}")), text("Đầu tư cơ sở hạ tầng thiết yếu", "Investment in essential infrastructure"), text("Tăng cường cơ sở hạ tầng", "Strengthen infrastructure"), text("Cứng hóa đường", "Hard-surface roads"), text("Sửa chữa trạm y tế", "Repair health stations"), 1 + j % 10, 1 + (j + 3) % 10).unwrap();
            writeln!(
                projects,
                "[[project.printed_total]]\namount = \"2.750\"\nphase = \"proposed\"\n"
            )
            .unwrap();
            for k in 1..=2 {
                writeln!(projects, "[[project.subproject]]\nid = \"du-an-{j}-tdu-{k}\"\ncode = {}\ntitle = {}\ntasks = [{}]\n", text(&format!("Tiểu dự án {k}"), &format!("Sub-project {k}")), text("Hỗ trợ phát triển sản xuất", "Support for production"), text("Hỗ trợ giống cây trồng", "Provide seedlings")).unwrap();
                for (source, capital, amount) in [
                    ("central", "investment", "1.000"),
                    ("local", "investment", "125"),
                    ("central", "recurrent", "250"),
                ] {
                    writeln!(projects, "[[project.subproject.budget]]\namount = \"{amount}\"\nsource = \"{source}\"\ncapital = \"{capital}\"\nphase = \"proposed\"\n").unwrap();
                }
            }
        }
        std::fs::write(dir.join("projects.toml"), projects)?;
        let mut duties = String::new();
        for a in 1..AGENCIES_PER_DISTRICT {
            let relation = if a == 11 { "requested" } else { "assigned" };
            writeln!(
                duties,
                "[[duty]]\nagency = \"d{d}-a{a}\"\nrelation = \"{relation}\"\ntasks = [{}, {}]\n",
                text(
                    "Chủ trì tổng hợp báo cáo",
                    "Lead the compilation of reports"
                ),
                text(
                    "Phối hợp kiểm tra, giám sát",
                    "Cooperate in inspection and supervision"
                )
            )
            .unwrap();
        }
        std::fs::write(dir.join("duties.toml"), duties)?;
        std::fs::write(
            dir.join("document.vi.md"),
            "# Kế hoạch\n\n## I. MỤC ĐÍCH\n\n- Nội dung.\n".repeat(20),
        )?;
        // MINHBACH_BENCH_PROGRESS=0 leaves the progress out, to measure what it costs.
        if std::env::var("MINHBACH_BENCH_PROGRESS").as_deref() != Ok("0") {
            write_progress(&dir, p, d)?;
        }
    }
    Ok(())
}

/// A reporting calendar and two yearly reports per plan (the 2024 one overdue in every third
/// plan): a value for every target, money for every budget line, a revision in the second.
fn write_progress(dir: &Path, p: usize, d: usize) -> std::io::Result<()> {
    let mut calendar = String::new();
    for y in 2022..=2024 {
        writeln!(calendar, "[[due]]\nagency = \"d{d}-a0\"\nkind = \"year\"\nperiod = \"{y}\"\ndue = \"{}-01-25\"\n", y + 1).unwrap();
    }
    std::fs::write(dir.join("calendar.toml"), calendar)?;
    std::fs::create_dir_all(dir.join("reports"))?;
    let years: &[i32] = if p.is_multiple_of(3) {
        &[2022, 2023]
    } else {
        &[2022, 2023, 2024]
    };
    for (n, y) in years.iter().enumerate() {
        let mut r = format!(
            "illustrative = true\nkind = \"year\"\nperiod = \"{y}\"\npublished = \"{}-01-{}\"\nagency = \"d{d}-a0\"\n\n",
            y + 1,
            if n == 1 { 30 } else { 20 }
        );
        for t in 0..8 {
            let v = 80 + n * 4 + t;
            writeln!(r, "[[value]]\ntarget = \"t{t}\"\nvalue = \"{v},5\"\n").unwrap();
        }
        if n == 1 {
            writeln!(
                r,
                "[[value]]\ntarget = \"t0\"\nas_of = \"{}-12-31\"\nvalue = \"81,0\"\nreason = {}\n",
                y - 1,
                text("Số liệu rà soát lại", "Reviewed figures")
            )
            .unwrap();
        }
        for j in 1..=10 {
            for k in 1..=2 {
                for (source, capital, allocated, spent) in [
                    ("central", "investment", "800", ["400", "600"]),
                    ("local", "investment", "100", ["50", "80"]),
                    ("central", "recurrent", "200", ["100", "150"]),
                ] {
                    let spent = spent[n.min(1)];
                    for (phase, amount) in [("allocated", allocated), ("disbursed", spent)] {
                        writeln!(r, "[[money]]\nproject = \"du-an-{j}-tdu-{k}\"\nsource = \"{source}\"\ncapital = \"{capital}\"\nyear = {y}\nphase = \"{phase}\"\namount = \"{amount}\"\n").unwrap();
                    }
                }
            }
        }
        std::fs::write(dir.join(format!("reports/nam-{y}.toml")), r)?;
    }
    write_supervision(dir, p, d)
}

/// One supervision activity per plan with three recommendations: one answered, one overdue, and
/// one answered late in every second plan.
fn write_supervision(dir: &Path, p: usize, d: usize) -> std::io::Result<()> {
    std::fs::create_dir_all(dir.join("supervision"))?;
    let mut s = format!(
        "illustrative = true\ntitle = {}\nby = [\"d{d}-a11\"]\nform = \"visit\"\nstart = \"2024-09-09\"\nend = \"2024-09-13\"\npublished = \"2024-09-20\"\ncommunes = [\"xã {p}\"]\nprojects = [\"du-an-1\"]\n\n[[finding]]\ntext = {}\nproject = \"du-an-1\"\n\n",
        text("Giám sát Dự án 1 năm 2024", "Supervision of Project 1, 2024"),
        text("Danh sách hộ được hỗ trợ chưa được niêm yết", "The list of supported households was not posted")
    );
    for k in 1..=3 {
        writeln!(s, "[[recommendation]]\nid = \"kn-{k}\"\nto = \"d{d}-a{k}\"\ntext = {}\nproject = \"du-an-{k}\"\ntarget = \"t{k}\"\ndue = \"2024-10-20\"\n", text("Niêm yết công khai danh sách hộ được hỗ trợ tại nhà văn hóa các thôn", "Post the list of supported households at every village hall")).unwrap();
    }
    let late = if p.is_multiple_of(2) {
        "2024-11-04"
    } else {
        "2024-10-15"
    };
    for (k, date) in [(1, "2024-10-18"), (2, late)] {
        writeln!(s, "[[response]]\nrecommendation = \"kn-{k}\"\ndate = \"{date}\"\ntext = {}\naccepted = \"yes\"\n", text("Đã niêm yết tại các thôn", "Posted in every village")).unwrap();
    }
    std::fs::write(dir.join("supervision/gs-2024.toml"), s)
}

/// The peak resident memory (VmHWM) of a process ("self" or a pid), in MiB (Linux).
pub fn peak_mib(pid: &str) -> Option<f64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    Some(line.split_whitespace().nth(1)?.parse::<f64>().ok()? / 1024.0)
}
