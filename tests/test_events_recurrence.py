"""Recurrence: local wall times across daylight-saving changes, monthly ranks, exceptions, ends, wording, validation."""

import calendar
from datetime import date, time, timedelta

import pytest

from agenda.recurrence import PARIS, Kind, RecurrenceError, Schedule, describe, occurrences, validate

YEAR_2027 = (date(2027, 1, 1), date(2027, 12, 31))


def weekly_nine_oclock(**extra):
    return Schedule(start_date=date(2027, 1, 6), start_time=time(9), end_time=time(12), kind=Kind.WEEKLY, **extra)


def test_a_weekly_nine_oclock_permanence_stays_at_nine_across_both_dst_changes():
    dates = occurrences(weekly_nine_oclock(), *YEAR_2027)
    assert len(dates) == 52
    assert {start.astimezone(PARIS).time() for start, _ in dates} == {time(9)}
    assert {end.astimezone(PARIS).time() for _, end in dates} == {time(12)}
    by_day = {start.date(): start for start, _ in dates}
    # Around 2027-03-28 (spring forward) and 2027-10-31 (fall back): same wall time, different UTC offset.
    assert by_day[date(2027, 3, 24)].utcoffset() == timedelta(hours=1)
    assert by_day[date(2027, 3, 31)].utcoffset() == timedelta(hours=2)
    assert by_day[date(2027, 10, 27)].utcoffset() == timedelta(hours=2)
    assert by_day[date(2027, 11, 3)].utcoffset() == timedelta(hours=1)
    # Seen from UTC, the hour moves: that is the point.
    assert by_day[date(2027, 3, 24)].astimezone(PARIS).utcoffset() != by_day[date(2027, 3, 31)].utcoffset()
    assert all(start.weekday() == 2 for start, _ in dates)


def test_second_tuesday_of_the_month_lands_on_the_right_dates_for_a_year():
    schedule = Schedule(start_date=date(2027, 1, 12), start_time=time(9), end_time=time(12), kind=Kind.MONTHLY_NTH)
    dates = [start.date() for start, _ in occurrences(schedule, *YEAR_2027)]
    expected = [
        next(
            day
            for day in calendar.Calendar().itermonthdates(2027, month)
            if day.month == month and day.weekday() == 1 and 8 <= day.day <= 14
        )
        for month in range(1, 13)
    ]
    assert dates == expected
    assert dates[2] == date(2027, 3, 9) and dates[10] == date(2027, 11, 9)


def test_last_friday_of_the_month():
    schedule = Schedule(start_date=date(2027, 1, 29), start_time=time(14), kind=Kind.MONTHLY_LAST)
    dates = [start.date() for start, _ in occurrences(schedule, *YEAR_2027)]
    assert len(dates) == 12
    assert all(day.weekday() == 4 and (day + timedelta(days=7)).month != day.month for day in dates)


def test_exception_dates_are_skipped():
    cancelled = {date(2027, 4, 14), date(2027, 7, 14)}
    dates = [start.date() for start, _ in occurrences(weekly_nine_oclock(exdates=frozenset(cancelled)), *YEAR_2027)]
    assert len(dates) == 50
    assert not cancelled & set(dates)
    assert date(2027, 4, 7) in dates and date(2027, 4, 21) in dates


def test_until_is_inclusive_and_count_counts_from_the_first_session():
    until = [s.date() for s, _ in occurrences(weekly_nine_oclock(until=date(2027, 1, 27)), *YEAR_2027)]
    assert until == [date(2027, 1, 6), date(2027, 1, 13), date(2027, 1, 20), date(2027, 1, 27)]
    counted = occurrences(weekly_nine_oclock(count=3), date(2027, 1, 10), date(2027, 12, 31))
    assert [s.date() for s, _ in counted] == [date(2027, 1, 13), date(2027, 1, 20)]


def test_every_other_week_and_custom_rules():
    fortnightly = Schedule(start_date=date(2027, 1, 6), start_time=time(9), kind=Kind.WEEKLY, interval=2)
    assert [s.date() for s, _ in occurrences(fortnightly, date(2027, 1, 1), date(2027, 1, 31))] == [
        date(2027, 1, 6),
        date(2027, 1, 20),
    ]
    custom = Schedule(
        start_date=date(2027, 1, 5), start_time=time(10), kind=Kind.CUSTOM, rule="RRULE:FREQ=WEEKLY;BYDAY=TU,TH"
    )
    validate(custom)
    assert [s.date() for s, _ in occurrences(custom, date(2027, 1, 1), date(2027, 1, 10))] == [
        date(2027, 1, 5),
        date(2027, 1, 7),
    ]


def test_a_single_event_and_an_all_day_event():
    single = Schedule(start_date=date(2027, 6, 3), start_time=time(18), end_time=time(20))
    assert occurrences(single, *YEAR_2027) == [(date_time(2027, 6, 3, 18), date_time(2027, 6, 3, 20))]
    assert occurrences(single, date(2027, 7, 1), date(2027, 12, 31)) == []
    two_days = Schedule(start_date=date(2027, 6, 3), end_date=date(2027, 6, 4), all_day=True)
    [(start, end)] = occurrences(two_days, *YEAR_2027)
    assert start == date_time(2027, 6, 3, 0) and end == date_time(2027, 6, 5, 0)


def date_time(year, month, day, hour):
    from datetime import datetime

    return datetime(year, month, day, hour, tzinfo=PARIS)


@pytest.mark.parametrize(
    "schedule, words",
    [
        (
            Schedule(start_date=date(2027, 1, 12), start_time=time(9), end_time=time(12), kind=Kind.MONTHLY_NTH),
            "Chaque 2e mardi du mois, de 9\u00a0h à 12\u00a0h",
        ),
        (
            Schedule(start_date=date(2027, 1, 5), start_time=time(9, 30), end_time=time(12), kind=Kind.MONTHLY_NTH),
            "Chaque 1er mardi du mois, de 9\u00a0h\u00a030 à 12\u00a0h",
        ),
        (
            Schedule(
                start_date=date(2027, 1, 29), start_time=time(14), kind=Kind.MONTHLY_LAST, until=date(2027, 6, 30)
            ),
            "Chaque dernier vendredi du mois, à 14\u00a0h, jusqu'au 30\u00a0juin 2027",
        ),
        (
            Schedule(
                start_date=date(2027, 1, 6),
                start_time=time(9),
                end_time=time(12),
                kind=Kind.WEEKLY,
                interval=2,
                count=10,
            ),
            "Un mercredi sur deux, de 9\u00a0h à 12\u00a0h, 10 séances",
        ),
        (Schedule(start_date=date(2027, 5, 1), all_day=True), "Le samedi 1er\u00a0mai 2027, toute la journée"),
    ],
)
def test_schedules_read_in_french(schedule, words):
    assert describe(schedule) == words


@pytest.mark.parametrize(
    "schedule, message",
    [
        (Schedule(start_date=date(2027, 1, 29), start_time=time(9), kind=Kind.MONTHLY_NTH), "5e vendredi n'existe pas"),
        (
            Schedule(start_date=date(2027, 1, 5), start_time=time(9), kind=Kind.CUSTOM, rule="FREQ=WEEKLY;COUNT=3"),
            "nombre de séances",
        ),
        (Schedule(start_date=date(2027, 1, 5), start_time=time(9), kind=Kind.CUSTOM, rule="FREQ=HOURLY"), "FREQ=DAILY"),
        (Schedule(start_date=date(2027, 1, 5), start_time=time(9), kind=Kind.CUSTOM, rule="pas une règle"), "RFC 5545"),
        (
            Schedule(start_date=date(2027, 1, 5), start_time=time(9), kind=Kind.CUSTOM, rule="FREQ=WEEKLY;BYDAY=XX"),
            "RFC 5545",
        ),
        (
            Schedule(start_date=date(2027, 1, 4), start_time=time(9), kind=Kind.CUSTOM, rule="FREQ=WEEKLY;BYDAY=TU"),
            "première séance doit suivre",
        ),
        (weekly_nine_oclock(until=date(2026, 12, 1)), "avant la première séance"),
    ],
)
def test_unusable_rules_are_refused_in_french(schedule, message):
    with pytest.raises(RecurrenceError, match=message):
        validate(schedule)
