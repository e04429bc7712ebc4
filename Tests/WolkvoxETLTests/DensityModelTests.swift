import Foundation
import Testing
import WolkvoxAPI
@testable import WolkvoxETL

struct DensityModelTests {
    let monday = LocalDay(year: 2025, month: 3, day: 3)

    @Test func anEmptyStateKnowsNothing() {
        let density = DensityModel(state: PipelineState(pipeline: "p", report: "cdr_1"))
        #expect(density.isEmpty)
        #expect(density.rows(in: Window(days: monday, through: monday)) == nil)
    }

    @Test func landedDaysAreKnownExactlyHourByHour() throws {
        var state = TestState.landed(days: [monday], perHour: 5)
        state.landed[monday.description]!.hours![9] = 500
        let density = DensityModel(state: state)
        #expect(density.isLanded(monday))
        let nine = Window(start: .init(day: monday, hour: 9, minute: 0, second: 0), end: .init(day: monday, hour: 9, minute: 29, second: 59))
        #expect(try #require(density.rows(in: nine)) == 250)
        #expect(try #require(density.rows(in: Window(days: monday, through: monday))) == 23 * 5 + 500)
    }

    @Test func unlandedDaysTakeTheMedianOfTheirWeekdayIgnoringASpike() throws {
        let mondays = (0..<5).map { monday.adding(days: 7 * $0) }
        var state = TestState.landed(days: mondays, perHour: 100)
        state.landed[mondays[2].description]!.hours = Array(repeating: 9_000, count: 24)
        let density = DensityModel(state: state)
        let nextMonday = monday.adding(days: 35)
        #expect(try #require(density.rows(in: Window(days: nextMonday, through: nextMonday))) == 2_400)
    }

    @Test func aWeekdayNeverSeenTakesTheTypicalDay() throws {
        let state = TestState.landed(days: [monday, monday.adding(days: 1)], perHour: 10)
        let sunday = monday.adding(days: 6)
        #expect(try #require(DensityModel(state: state).rows(in: Window(days: sunday, through: sunday))) == 240)
    }

    @Test func daysLandedBeforeHoursWereKeptSpreadTheirRowsEvenly() throws {
        var state = PipelineState(pipeline: "p", report: "cdr_1")
        state.landed[monday.description] = .init(rows: 2_400, rejects: 0, runID: "r", landedAt: "t", contentDigest: "d")
        let density = DensityModel(state: state)
        #expect(try #require(density.rows(inBucket: monday.daysSinceEpoch * 24 + 3)) == 100)
    }

    @Test func revealedRowsAreALowerBound() throws {
        var density = DensityModel(state: TestState.landed(days: [monday], perHour: 10))
        let bucket = monday.daysSinceEpoch * 24 + 4
        density.reveal([bucket: 7_000, bucket + 1: 0])
        #expect(try #require(density.rows(inBucket: bucket)) == 7_000)
        #expect(try #require(density.rows(inBucket: bucket + 1)) == 10)
    }

    @Test func landedHoursSurviveTheStateFile() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("density-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let store = PipelineStateStore(root: root, pipelineName: "p")
        try store.save(TestState.landed(days: [monday], perHour: 3))
        let decoded = try store.load(pipeline: "p", report: "cdr_1")
        #expect(decoded.landed[monday.description]?.hours == Array(repeating: 3, count: 24))
        #expect(DensityModel(state: decoded).isLanded(monday))
    }
}
