import WolkvoxAPI
import WolkvoxMock

/// Days and windows the tests share.
enum Days {
    static func day(_ text: String) -> LocalDay { LocalDay(iso: text)! }

    static func whole(_ day: LocalDay) -> Window { Window(days: day, through: day) }

    static func at(_ day: LocalDay, _ h: Int, _ m: Int, _ s: Int) -> LocalDateTime {
        LocalDateTime(day: day, hour: h, minute: m, second: s)
    }

    /// The first weekday on or after `from` that holds `report` rows.
    static func busyWeekday(_ dataset: MockDataset, report: ReportSpec = ReportCatalog.cdr1, from: String = "2025-01-06") -> LocalDay {
        var day = Self.day(from)
        while day.isoWeekday > 5 || dataset.count(report: report, in: whole(day)) == 0 { day = day.adding(days: 1) }
        return day
    }

    /// Small data for tests that pull many rows over HTTP: about 1% of the default volume.
    static var smallData: MockDatasetConfiguration {
        var c = MockDatasetConfiguration()
        c.volumeScale = 0.05
        c.spikes = []
        return c
    }
}
