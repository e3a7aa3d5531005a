//! One test per rule and shape of the method.

use super::*;
use crate::model::progress::{ReportKind, ReportPeriod, ReportedValue};
use crate::model::{Baseline, Decimal, Op, Text};

fn d(s: &str) -> Figure {
    Figure::parse_vi(s).unwrap()
}

fn day(s: &str) -> Date {
    Date::parse(s).unwrap()
}

fn target(goal: Goal, unit: &str, horizon: i32) -> Target {
    Target {
        id: "t".into(),
        horizon,
        vision: false,
        topic: None,
        indicator: Text::vi("x"),
        text: Text::vi("x"),
        goal,
        unit: (!unit.is_empty()).then(|| Text::vi(unit)),
        unit_before: false,
        per_year: false,
        scope: None,
        parent: None,
        lead: vec![],
        support: vec![],
        reference: None,
        baseline: None,
        better: None,
        rate: None,
        data_note: None,
    }
}

fn value(as_of: &str, v: &str) -> ReportedValue {
    ReportedValue {
        target: "t".into(),
        value: Some(d(v)),
        reference_value: None,
        as_of: day(as_of),
        status: None,
        source: None,
        note: None,
        reason: None,
        evidence: vec![],
        breakdown: vec![],
    }
}

/// One report per value, in order.
fn reports(values: Vec<ReportedValue>) -> Vec<Report> {
    values
        .into_iter()
        .enumerate()
        .map(|(i, v)| Report {
            id: format!("r{i}"),
            period: ReportPeriod::parse(ReportKind::Year, &v.as_of.year.to_string()).unwrap(),
            published: v.as_of,
            agency: "a".into(),
            title: None,
            source: None,
            evidence: vec![],
            illustrative: false,
            values: vec![v],
            money: vec![],
            outputs: vec![],
            tasks: vec![],
        })
        .collect()
}

fn status_of(t: &Target, vals: &[(&str, &str)]) -> Assessment {
    let rs = reports(vals.iter().map(|(a, v)| value(a, v)).collect());
    assess(t, &rs, None)
}

fn threshold(op: Op, v: &str, direction: Option<Direction>) -> Goal {
    Goal::Threshold {
        op,
        value: d(v),
        direction,
    }
}

#[test]
fn a_level_already_met_is_achieved_whatever_the_trend() {
    let t = target(threshold(Op::AtLeast, "95", None), "%", 2025);
    let a = status_of(&t, &[("2021-12-31", "97"), ("2022-12-31", "96")]);
    assert_eq!(a.status, Status::Achieved);
    assert!(matches!(a.method, Method::Reached { .. }));
}

#[test]
fn growth_towards_a_higher_level_grades_on_track_acceleration_off_track_worse() {
    let t = target(threshold(Op::AtLeast, "95", None), "%", 2025);
    // 80 → 95 in four years needs about 4.4% a year.
    let on = status_of(&t, &[("2021-12-31", "80"), ("2022-12-31", "84")]);
    assert_eq!(on.status, Status::OnTrack, "{on:?}");
    let slow = status_of(&t, &[("2021-12-31", "80"), ("2022-12-31", "83")]);
    assert_eq!(slow.status, Status::NeedsAcceleration, "{slow:?}");
    let off = status_of(&t, &[("2021-12-31", "80"), ("2022-12-31", "81")]);
    assert_eq!(off.status, Status::OffTrack, "{off:?}");
    // Not moving is off track; moving away is getting worse, told apart.
    let still = status_of(&t, &[("2021-12-31", "80"), ("2022-12-31", "80")]);
    assert_eq!(still.status, Status::OffTrack, "{still:?}");
    let worse = status_of(&t, &[("2021-12-31", "80"), ("2022-12-31", "79")]);
    assert_eq!(worse.status, Status::Deteriorating, "{worse:?}");
    let Method::Growth { ratio, needed, .. } = worse.method else {
        panic!()
    };
    assert!(ratio < 0.0 && needed > 0.0);
}

#[test]
fn a_level_below_is_reached_by_going_down() {
    // "giảm tỷ lệ hộ nghèo xuống dưới 5%".
    let t = target(threshold(Op::Below, "5", None), "%", 2025);
    let on = status_of(&t, &[("2021-12-31", "15"), ("2022-12-31", "11")]);
    assert_eq!(on.status, Status::OnTrack, "{on:?}");
    let off = status_of(&t, &[("2021-12-31", "15"), ("2022-12-31", "14,8")]);
    assert_eq!(off.status, Status::OffTrack);
    let worse = status_of(&t, &[("2021-12-31", "15"), ("2022-12-31", "16")]);
    assert_eq!(worse.status, Status::Deteriorating);
    let done = status_of(&t, &[("2021-12-31", "15"), ("2024-12-31", "4,9")]);
    assert_eq!(done.status, Status::Achieved);
    // Exactly 5 is not below 5.
    let edge = status_of(&t, &[("2021-12-31", "15"), ("2024-12-31", "5")]);
    assert_ne!(edge.status, Status::Achieved);
}

#[test]
fn a_decrease_by_a_share_is_measured_from_the_baseline() {
    // "Giảm 50% số xã đặc biệt khó khăn": from 40 communes, the level is 20.
    let t = target(
        threshold(Op::Exactly, "50", Some(Direction::Decrease)),
        "%",
        2025,
    );
    let done = status_of(&t, &[("2021-12-31", "40"), ("2024-12-31", "20")]);
    assert_eq!(done.status, Status::Achieved, "{done:?}");
    let Method::Reached { level, .. } = done.method else {
        panic!()
    };
    assert_eq!(level, Level::AtMost(20.0));
    let slow = status_of(&t, &[("2021-12-31", "40"), ("2023-12-31", "36")]);
    assert_eq!(slow.status, Status::OffTrack, "{slow:?}");
    // One value: no baseline to measure a change from.
    let one = status_of(&t, &[("2022-12-31", "20")]);
    assert_eq!(one.status, Status::NotAssessable);
    assert_eq!(one.method, Method::Unassessable(Why::NoBaseline));
}

#[test]
fn a_range_is_achieved_inside_and_its_direction_never_guessed_outside() {
    let goal = Goal::Range {
        min: d("30"),
        max: d("50"),
        direction: None,
    };
    let mut t = target(goal, "%", 2025);
    assert_eq!(
        status_of(&t, &[("2022-12-31", "40")]).status,
        Status::Achieved
    );
    // Outside, without the plan saying which way is better: not assessable, whichever side
    // the figures start from.
    for vals in [
        [("2021-12-31", "20"), ("2022-12-31", "24")],
        [("2021-12-31", "60"), ("2022-12-31", "65")],
        [("2021-12-31", "20"), ("2022-12-31", "60")],
    ] {
        let a = status_of(&t, &vals);
        assert_eq!(a.status, Status::NotAssessable, "{vals:?}");
        assert_eq!(a.method, Method::Unassessable(Why::RangeDirection));
    }
    // Not even once its year has passed.
    let rs = reports(vec![value("2021-12-31", "20"), value("2022-12-31", "24")]);
    assert_eq!(
        assess(&t, &rs, Some(day("2027-01-01"))).status,
        Status::NotAssessable
    );
    // Where the plan says higher is better: growing towards 30, and past 50 is more than asked.
    t.better = Some(Better::Higher);
    let up = status_of(&t, &[("2021-12-31", "20"), ("2022-12-31", "24")]);
    assert_eq!(up.status, Status::OnTrack, "{up:?}");
    let Method::Growth { level, .. } = up.method else {
        panic!()
    };
    assert_eq!(level, Level::AtLeast(30.0));
    assert_eq!(
        status_of(&t, &[("2021-12-31", "20"), ("2022-12-31", "60")]).status,
        Status::Achieved
    );
    let down = status_of(&t, &[("2021-12-31", "20"), ("2022-12-31", "18")]);
    assert_eq!(down.status, Status::Deteriorating);
    // Lower is better: at most 50, approached from above.
    t.better = Some(Better::Lower);
    let away = status_of(&t, &[("2021-12-31", "60"), ("2022-12-31", "65")]);
    assert_eq!(away.status, Status::Deteriorating, "{away:?}");
    assert_eq!(
        status_of(&t, &[("2021-12-31", "60"), ("2022-12-31", "10")]).status,
        Status::Achieved
    );
}

#[test]
fn a_yearly_band_without_a_direction_is_judged_only_inside_it() {
    let mut t = target(
        Goal::Range {
            min: d("1.000"),
            max: d("1.500"),
            direction: None,
        },
        "lao động",
        2025,
    );
    t.per_year = true;
    assert_eq!(
        status_of(&t, &[("2022-12-31", "1.200")]).status,
        Status::Achieved
    );
    let a = status_of(&t, &[("2021-12-31", "1.200"), ("2022-12-31", "700")]);
    assert_eq!(a.method, Method::Unassessable(Why::RangeDirection));
}

#[test]
fn a_figure_for_each_year_is_judged_on_the_latest_year() {
    // "hằng năm tạo việc làm cho 1.000–1.500 lao động".
    let mut t = target(
        Goal::Range {
            min: d("1.000"),
            max: d("1.500"),
            direction: None,
        },
        "lao động",
        2025,
    );
    t.per_year = true;
    t.better = Some(Better::Higher);
    assert_eq!(
        status_of(&t, &[("2022-12-31", "1.200")]).status,
        Status::Achieved
    );
    let short = status_of(&t, &[("2021-12-31", "1.200"), ("2022-12-31", "700")]);
    assert_eq!(short.status, Status::NeedsAcceleration, "{short:?}");
    let Method::Yearly { ratio, .. } = short.method else {
        panic!()
    };
    assert!((ratio - 0.7).abs() < 1e-9);
}

#[test]
fn an_annual_rate_compares_the_average_yearly_change_in_points() {
    // "Giảm tỷ lệ hộ nghèo bình quân từ 4,5%/năm trở lên", in percentage points.
    let goal = Goal::AnnualRate {
        direction: Direction::Decrease,
        op: Some(Op::AtLeast),
        value: Some(d("4,5")),
        min: None,
        max: None,
    };
    let mut t = target(goal, "%", 2025);
    let none = status_of(&t, &[("2021-12-31", "30"), ("2022-12-31", "25")]);
    assert_eq!(none.method, Method::Unassessable(Why::NoRateKind));
    t.rate = Some(RateKind::Points);
    let on = status_of(&t, &[("2021-12-31", "30"), ("2022-12-31", "25")]);
    assert_eq!(on.status, Status::OnTrack, "{on:?}");
    let Method::Rate { observed, .. } = on.method else {
        panic!()
    };
    assert!((observed - 5.0).abs() < 0.02, "{observed}");
    let slow = status_of(&t, &[("2021-12-31", "30"), ("2022-12-31", "27")]);
    assert_eq!(slow.status, Status::NeedsAcceleration);
    let stalled = status_of(&t, &[("2021-12-31", "30"), ("2022-12-31", "29")]);
    assert_eq!(stalled.status, Status::OffTrack);
    let wrong_way = status_of(&t, &[("2021-12-31", "30"), ("2022-12-31", "31")]);
    assert_eq!(wrong_way.status, Status::Deteriorating);
    // Kept over the whole period: achieved once it is over.
    let kept = status_of(&t, &[("2021-12-31", "30"), ("2025-12-31", "10")]);
    assert_eq!(kept.status, Status::Achieved, "{kept:?}");
}

#[test]
fn a_relative_annual_rate_compounds() {
    let goal = Goal::AnnualRate {
        direction: Direction::Increase,
        op: None,
        value: Some(d("10")),
        min: None,
        max: None,
    };
    let mut t = target(goal, "%", 2025);
    t.rate = Some(RateKind::Relative);
    let a = status_of(&t, &[("2021-12-31", "100"), ("2023-12-31", "121")]);
    let Method::Rate { observed, .. } = a.method else {
        panic!("{a:?}")
    };
    assert!((observed - 10.0).abs() < 0.05, "{observed}");
    assert_eq!(a.status, Status::OnTrack);
}

#[test]
fn a_multiple_is_of_the_baseline_year_value() {
    // "tăng trên 2 lần so với năm 2020".
    let goal = Goal::Multiple {
        op: Op::Above,
        value: d("2"),
        baseline_year: 2020,
    };
    let mut t = target(goal, "", 2025);
    let missing = status_of(&t, &[("2021-12-31", "30"), ("2022-12-31", "35")]);
    assert_eq!(
        missing.method,
        Method::Unassessable(Why::BaselineYear(2020))
    );
    t.baseline = Some(Baseline {
        value: d("20"),
        year: 2020,
    });
    let a = status_of(&t, &[("2022-12-31", "30")]);
    let Method::Growth { level, .. } = a.method else {
        panic!("{a:?}")
    };
    assert_eq!(level, Level::Above(40.0));
    assert_eq!(a.status, Status::OnTrack, "{a:?}");
    assert_eq!(
        status_of(&t, &[("2024-12-31", "41")]).status,
        Status::Achieved
    );
}

#[test]
fn a_ratio_is_the_value_over_its_reference() {
    // "bằng 60% bình quân chung cả nước": income 30 against a national 60 is 50%.
    let goal = Goal::Ratio {
        op: Op::AtLeast,
        value: d("60"),
        reference: Text::vi("bình quân chung cả nước"),
    };
    let t = target(goal, "%", 2030);
    let mut v1 = value("2021-12-31", "30");
    v1.reference_value = Some(Decimal::new(60, 0));
    let mut v2 = value("2023-12-31", "36");
    v2.reference_value = Some(Decimal::new(64, 0));
    let a = assess(&t, &reports(vec![v1, v2]), None);
    let Method::Growth { base, latest, .. } = a.method else {
        panic!("{a:?}")
    };
    assert!((base.value - 50.0).abs() < 1e-9 && (latest.value - 56.25).abs() < 1e-9);
    assert_eq!(a.status, Status::OnTrack);
}

#[test]
fn a_qualitative_target_has_only_the_status_a_report_states() {
    let t = target(Goal::Qualitative, "", 2025);
    let mut v = value("2022-12-31", "1");
    v.value = None;
    v.status = Some(Status::NeedsAcceleration);
    let a = assess(&t, &reports(vec![v]), None);
    assert_eq!(a.status, Status::NeedsAcceleration);
    assert!(matches!(a.method, Method::Reported { .. }));
    assert_eq!(assess(&t, &[], None).status, Status::NoData);
}

#[test]
fn without_a_stated_direction_nothing_is_guessed() {
    let t = target(threshold(Op::Exactly, "100", None), "%", 2025);
    let a = status_of(&t, &[("2021-12-31", "80"), ("2022-12-31", "90")]);
    assert_eq!(a.status, Status::NotAssessable);
    assert_eq!(a.method, Method::Unassessable(Why::NoDirection));
    let mut t = t;
    t.better = Some(Better::Higher);
    assert_eq!(
        status_of(&t, &[("2021-12-31", "80"), ("2022-12-31", "90")]).status,
        Status::OnTrack
    );
}

#[test]
fn no_values_is_no_data_and_one_value_is_not_assessable() {
    let t = target(threshold(Op::AtLeast, "95", None), "%", 2025);
    assert_eq!(assess(&t, &[], None).status, Status::NoData);
    let one = status_of(&t, &[("2022-12-31", "80")]);
    assert_eq!(one.method, Method::Unassessable(Why::OneValue));
}

#[test]
fn a_target_year_passed_without_the_target_is_off_track() {
    let t = target(threshold(Op::AtLeast, "95", None), "%", 2023);
    let a = status_of(&t, &[("2021-12-31", "80"), ("2023-12-31", "94")]);
    assert_eq!(a.status, Status::OffTrack);
    assert!(a.past_horizon);
    // The site's date alone can tell that the year has passed.
    let rs = reports(vec![value("2021-12-31", "80"), value("2022-12-31", "88")]);
    assert_eq!(assess(&t, &rs, None).status, Status::OnTrack);
    assert_eq!(
        assess(&t, &rs, Some(day("2024-03-01"))).status,
        Status::OffTrack
    );
    // Missed and moving away: still told as getting worse.
    let worse = status_of(&t, &[("2021-12-31", "80"), ("2023-12-31", "78")]);
    assert_eq!(worse.status, Status::Deteriorating);
    assert!(worse.past_horizon);
}

#[test]
fn a_target_met_at_its_baseline_and_then_lost_is_getting_worse() {
    let t = target(threshold(Op::AtLeast, "98", None), "%", 2025);
    let a = status_of(&t, &[("2021-12-31", "99,1"), ("2023-12-31", "96,2")]);
    assert_eq!(a.status, Status::Deteriorating, "{a:?}");
}

#[test]
fn a_later_report_for_the_same_day_replaces_the_earlier_value() {
    let t = target(threshold(Op::AtLeast, "95", None), "%", 2025);
    let rs = reports(vec![
        value("2021-12-31", "80"),
        value("2022-12-31", "70"),
        value("2022-12-31", "84"),
    ]);
    let p = points(&t, &rs);
    assert_eq!(p.len(), 2);
    assert_eq!(p[1].value, 84.0);
    assert_eq!(assess(&t, &rs, None).status, Status::OnTrack);
}

#[test]
fn a_share_is_never_projected_past_100_per_cent() {
    let t = target(threshold(Op::AtLeast, "99", None), "%", 2025);
    // 50 → 80 in two years: kept up, the trend would pass 100% before 2025.
    let a = status_of(&t, &[("2021-12-31", "50"), ("2023-12-31", "80")]);
    let Method::Growth {
        projected, capped, ..
    } = a.method
    else {
        panic!("{a:?}")
    };
    assert_eq!((projected, capped), (100.0, Some(100.0)));
    // A count has no such bound.
    let t = target(threshold(Op::AtLeast, "99", None), "hộ", 2025);
    let a = status_of(&t, &[("2021-12-31", "50"), ("2023-12-31", "80")]);
    let Method::Growth {
        projected, capped, ..
    } = a.method
    else {
        panic!("{a:?}")
    };
    assert!(projected > 100.0 && capped.is_none());
}
