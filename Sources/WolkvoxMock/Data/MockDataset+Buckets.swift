import WolkvoxAPI

/// How many rows each (report, hour) bucket holds and when they happened.
extension MockDataset {
    /// Share of a day's rows in each hour: nights light, business hours 07-20 heavy.
    static let hourWeights: [Double] = {
        let raw: [Double] = [
            0.2, 0.1, 0.1, 0.1, 0.1, 0.3, 0.8, 3, 7, 9, 9.5, 9, 7, 7.5, 9, 9, 8.5, 7, 5, 3.5, 2.5, 1.2, 0.6, 0.3,
        ]
        let total = raw.reduce(0, +)
        return raw.map { $0 / total }
    }()

    /// Whether the day holds no data for any report (the API answers 404 for it).
    func isEmptyDay(_ day: LocalDay) -> Bool {
        if day < configuration.firstDay || configuration.lastDay < day { return true }
        if configuration.spikes.contains(where: { $0.day == day }) { return false }
        var rng = SeededGenerator(seed: SeededGenerator.mix(seed, 0xE, UInt64(bitPattern: Int64(day.daysSinceEpoch))))
        return rng.chance(configuration.emptyDayRate)
    }

    /// The ordinary (spike-free) volume of a report on a non-empty day.
    func dayVolume(_ report: String, day: LocalDay) -> Int {
        guard let range = configuration.weekdayVolume[report]
            ?? (RecordFactory.isCatalogReport(report) ? Self.catalogWeekdayVolume(report) : nil)
        else { return 0 }
        var rng = SeededGenerator(
            seed: SeededGenerator.mix(seed, SeededGenerator.tag(report), 0xD, UInt64(bitPattern: Int64(day.daysSinceEpoch))))
        var volume = Double(rng.inRange(range)) * configuration.volumeScale
        switch day.isoWeekday {
        case 6: volume *= configuration.saturdayFactor
        case 7: volume *= configuration.sundayFactor
        default: break
        }
        return max(0, Int(volume.rounded()))
    }

    /// Rows in one hour bucket (`bucket` = naive seconds / 3600).
    func rowCount(_ report: String, bucket: Int) -> Int {
        let day = LocalDay(daysSinceEpoch: Self.floorDiv(bucket, 24))
        let hour = bucket - Self.floorDiv(bucket, 24) * 24
        guard !isEmptyDay(day), generates(report) else { return 0 }
        var rng = SeededGenerator(seed: SeededGenerator.mix(seed, SeededGenerator.tag(report), 0xC, UInt64(bitPattern: Int64(bucket))))
        let noise = 0.85 + 0.3 * rng.unit()
        var n = Int((Double(dayVolume(report, day: day)) * Self.hourWeights[hour] * noise).rounded())
        if hasBoundaryRow(report, hour: hour) { n = max(n, 1) }
        for spike in configuration.spikes where spike.report == report && spike.day == day {
            n += spike.rows(inHour: hour)
        }
        return n
    }

    /// Whether the bucket carries a row at exactly 00:00:00 (hour 0) or 23:59:59 (hour 23).
    func hasBoundaryRow(_ report: String, hour: Int) -> Bool {
        configuration.boundaryRows && (hour == 0 || hour == 23) && report != ReportCatalog.cdr6.name
    }

    /// Second-of-hour of each row of the bucket, newest first. Row `i` of the bucket is the row
    /// at `offsets[i]`; its content depends only on (seed, report, bucket, i).
    func offsets(_ report: String, bucket: Int, count: Int) -> [Int16] {
        guard count > 0 else { return [] }
        var rng = SeededGenerator(seed: SeededGenerator.mix(seed, SeededGenerator.tag(report), 0xB, UInt64(bitPattern: Int64(bucket))))
        var result = [Int16](repeating: 0, count: count)
        for i in 0..<count { result[i] = Int16(rng.below(3600)) }
        let hour = bucket - Self.floorDiv(bucket, 24) * 24
        if hasBoundaryRow(report, hour: hour) { result[0] = hour == 0 ? 0 : 3599 }
        result.sort(by: >)
        return result
    }

    /// The generator of row `rank` of a bucket.
    func rowGenerator(_ report: String, bucket: Int, rank: Int) -> SeededGenerator {
        SeededGenerator(
            seed: SeededGenerator.mix(seed, SeededGenerator.tag(report), 0xA, UInt64(bitPattern: Int64(bucket)), UInt64(rank)))
    }
}
