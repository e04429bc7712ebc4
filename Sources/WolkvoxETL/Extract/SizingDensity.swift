package import WolkvoxAPI

/// Rows per hour bucket as far as a run knows them, to size windows: exact counts of answers that
/// came whole, the density earlier runs left in the state, and the samples cut answers showed.
///
/// A cut answer is a sample of its window whose scale is unknown: whatever the API kept, the
/// window holds at least as many rows as the sample shows, and how many more shows only when an
/// answer that came whole overlaps it (calibration) or when `msg` counted the window. Until then
/// the sample is taken at `guessScale` times its size: a window sized too small wastes part of a
/// call, one sized too big wastes a whole one.
///
/// - Important: Pure state: no I/O.
package struct SizingDensity: Sendable {
    struct Observed: Sendable {
        var rows = 0.0
        var seconds = 0
    }

    struct Sample: Sendable {
        /// From the oldest to the newest second the sample held: where its shape is known.
        var range: Window
        var buckets: [Int: Int]
        var windowTotalScale: Double?
        /// The scale taken until the sample is calibrated or `msg` tells.
        var guess: Double
        var calibratedRows = 0.0
        var calibratedSample = 0.0

        var scale: Double {
            if calibratedSample >= 30 { return max(1, calibratedRows / calibratedSample) }
            return windowTotalScale ?? guess
        }
    }

    package static let guessScale = 16.0
    /// Samples kept for sizing: the most recent cut answers.
    static let sampleLimit = 32

    package private(set) var prior: DensityModel
    private var observed: [Int: Observed] = [:]
    private var samples: [Sample] = []
    /// Rows per hour over every answer that came whole and every kept part: the guess for hours
    /// nothing else tells about. An average, so one heavy hour does not shrink every window.
    package var fallbackRate: Double? { notedHours > 0 ? notedRows / notedHours : nil }
    private var notedRows = 0.0
    private var notedHours = 0.0

    package init(prior: DensityModel) { self.prior = prior }

    /// Whether nothing at all is known: windows then take the widest span the API allows.
    package var isEmpty: Bool { prior.isEmpty && observed.isEmpty && samples.isEmpty && notedRows == 0 }

    /// Rows of `window` arrived whole: exact counts for its hours; samples overlapping it learn
    /// their scale.
    package mutating func observe(_ window: Window, seconds: [Int: Int]) {
        let byBucket = Self.buckets(seconds)
        var total = 0
        forEachBucket(of: window) { bucket, covered in
            let rows = byBucket[bucket, default: 0]
            total += rows
            observed[bucket, default: .init()].rows += Double(rows)
            observed[bucket, default: .init()].seconds += covered
            for i in samples.indices where samples[i].range.overlaps(bucket: bucket) {
                let share = Double(covered) / 3600
                samples[i].calibratedRows += Double(rows)
                samples[i].calibratedSample += Double(samples[i].buckets[bucket, default: 0]) * share
            }
        }
        noteRate(rows: total, over: window)
    }

    /// A kept part of a cut answer that is expected whole: a guess for unknown hours, no more.
    package mutating func noteRate(rows: Int, over window: Window) {
        guard rows > 0 else { return }
        notedRows += Double(rows)
        notedHours += Double(window.seconds) / 3600
    }

    /// A cut answer's rows: a sample of its window at an unknown scale (or the scale `msg` gave).
    /// `expected`: the rows the density foresaw in the window when it was sized. A window sized
    /// near the cap from what was known is likely over it by a little, not by `guessScale`: twice
    /// the foreseen rows are taken until an answer tells.
    package mutating func sample(_ answer: WindowAnswer, expected: Double? = nil) {
        guard let first = answer.first, let last = answer.last else { return }
        let scale = answer.windowTotal.map { Double($0) / Double(max(1, answer.rows)) }
        let guess = expected.map { min(Self.guessScale, max(1.5, 2 * $0 / Double(max(1, answer.rows)))) } ?? Self.guessScale
        samples.append(Sample(
            range: Window(start: LocalDateTime(naiveSeconds: first), end: LocalDateTime(naiveSeconds: last)),
            buckets: Self.buckets(answer.seconds), windowTotalScale: scale, guess: guess))
        if samples.count > Self.sampleLimit { samples.removeFirst() }
    }

    /// The API was found to keep one end of a window over the cap: each sample holds every row
    /// between its oldest and newest second, so its scale there is 1.
    package mutating func trustSamples() {
        for i in samples.indices { samples[i].windowTotalScale = 1 }
    }

    /// Expected rows in one hour bucket, or nil when nothing is known about it.
    package func rows(inBucket bucket: Int) -> Double? {
        var best: Double?
        if let seen = observed[bucket], seen.seconds >= 900 {
            best = seen.rows * 3600 / Double(seen.seconds)
        } else {
            best = prior.rows(inBucket: bucket)
        }
        for sample in samples where sample.range.overlaps(bucket: bucket) {
            let estimate = Double(sample.buckets[bucket, default: 0]) * sample.scale
            best = max(best ?? 0, estimate)
        }
        return best
    }

    /// Expected rows in a window, unknown hours at the fallback rate (zero without one).
    package func rows(in window: Window) -> Double {
        var total = 0.0
        forEachBucket(of: window) { bucket, covered in
            total += (rows(inBucket: bucket) ?? fallbackRate ?? 0) * Double(covered) / 3600
        }
        return total
    }

    /// The scale the newest sample overlapping `window` is taken at (1 when none).
    package func sampleScale(over window: Window) -> Double {
        samples.last { $0.range.overlaps(window) }?.scale ?? 1
    }

    static func buckets(_ seconds: [Int: Int]) -> [Int: Int] {
        var result: [Int: Int] = [:]
        for (second, n) in seconds { result[DensityModel.floorDiv(second, 3600), default: 0] += n }
        return result
    }

    private func forEachBucket(of window: Window, _ body: (Int, Int) -> Void) {
        var cursor = window.start.naiveSeconds
        let end = window.end.naiveSeconds
        while cursor <= end {
            let bucket = DensityModel.floorDiv(cursor, 3600)
            let bucketEnd = min(end, bucket * 3600 + 3599)
            body(bucket, bucketEnd - cursor + 1)
            cursor = bucketEnd + 1
        }
    }
}

extension Window {
    func overlaps(bucket: Int) -> Bool {
        start.naiveSeconds <= bucket * 3600 + 3599 && end.naiveSeconds >= bucket * 3600
    }

    func overlaps(_ other: Window) -> Bool { start <= other.end && other.start <= end }
}
