/// A naive local date and time to the second, as the API speaks it.
package struct LocalDateTime: Sendable, Hashable, Comparable, CustomStringConvertible {
    package var day: LocalDay
    /// Seconds since the start of the day, 0 ... 86_399.
    package var secondOfDay: Int

    package init(day: LocalDay, secondOfDay: Int) {
        precondition(secondOfDay >= 0 && secondOfDay < 86_400, "second of day out of range")
        self.day = day
        self.secondOfDay = secondOfDay
    }

    package init(day: LocalDay, hour: Int, minute: Int, second: Int) {
        self.init(day: day, secondOfDay: hour * 3600 + minute * 60 + second)
    }

    package static func startOf(_ day: LocalDay) -> LocalDateTime { .init(day: day, secondOfDay: 0) }
    package static func endOf(_ day: LocalDay) -> LocalDateTime { .init(day: day, secondOfDay: 86_399) }

    /// Seconds since 1970-01-01 00:00:00 of the same naive clock (not UTC).
    package var naiveSeconds: Int { day.daysSinceEpoch * 86_400 + secondOfDay }

    package init(naiveSeconds: Int) {
        let days = naiveSeconds >= 0 ? naiveSeconds / 86_400 : (naiveSeconds - 86_399) / 86_400
        self.init(day: LocalDay(daysSinceEpoch: days), secondOfDay: naiveSeconds - days * 86_400)
    }

    package func adding(seconds: Int) -> LocalDateTime { .init(naiveSeconds: naiveSeconds + seconds) }

    package var hour: Int { secondOfDay / 3600 }
    package var minute: Int { secondOfDay / 60 % 60 }
    package var second: Int { secondOfDay % 60 }

    /// The API's query format, `YYYYmmddHHiiss`.
    package var compact: String {
        LocalDay.pad(day.year, 4) + LocalDay.pad(day.month, 2) + LocalDay.pad(day.day, 2)
            + LocalDay.pad(hour, 2) + LocalDay.pad(minute, 2) + LocalDay.pad(second, 2)
    }

    /// Parses the API's query format `YYYYmmddHHiiss`.
    package init?(compact text: some StringProtocol) {
        let u = Array(text.utf8)
        guard u.count == 14,
            let y = LocalDay.digits(u[0..<4]), let mo = LocalDay.digits(u[4..<6]), let d = LocalDay.digits(u[6..<8]),
            let h = LocalDay.digits(u[8..<10]), let mi = LocalDay.digits(u[10..<12]), let s = LocalDay.digits(u[12..<14]),
            mo >= 1, mo <= 12, d >= 1, d <= LocalDay.daysIn(month: mo, year: y), h < 24, mi < 60, s < 60
        else { return nil }
        self.init(day: LocalDay(year: y, month: mo, day: d), hour: h, minute: mi, second: s)
    }

    /// Parses the API's record format `YYYY-MM-DD HH:MM:SS` (also with `T`, `/`, or without seconds).
    package init?(record text: some StringProtocol) {
        var u = Array(text.utf8)
        while let last = u.last, last == 32 { u.removeLast() }
        while let first = u.first, first == 32 { u.removeFirst() }
        guard u.count == 19 || u.count == 16 else { return nil }
        let sepOK = (u[4] == 45 && u[7] == 45) || (u[4] == 47 && u[7] == 47)
        guard sepOK, u[10] == 32 || u[10] == 84, u[13] == 58 else { return nil }
        guard let y = LocalDay.digits(u[0..<4]), let mo = LocalDay.digits(u[5..<7]), let d = LocalDay.digits(u[8..<10]),
            let h = LocalDay.digits(u[11..<13]), let mi = LocalDay.digits(u[14..<16])
        else { return nil }
        var s = 0
        if u.count == 19 {
            guard u[16] == 58, let sec = LocalDay.digits(u[17..<19]) else { return nil }
            s = sec
        }
        guard mo >= 1, mo <= 12, d >= 1, d <= LocalDay.daysIn(month: mo, year: y), h < 24, mi < 60, s < 60 else {
            return nil
        }
        self.init(day: LocalDay(year: y, month: mo, day: d), hour: h, minute: mi, second: s)
    }

    /// `YYYY-MM-DD HH:MM:SS`, the API's record format.
    package var description: String {
        day.description + " " + LocalDay.pad(hour, 2) + ":" + LocalDay.pad(minute, 2) + ":" + LocalDay.pad(second, 2)
    }

    package static func < (lhs: LocalDateTime, rhs: LocalDateTime) -> Bool { lhs.naiveSeconds < rhs.naiveSeconds }
}
