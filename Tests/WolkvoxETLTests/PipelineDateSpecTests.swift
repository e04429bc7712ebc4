import Testing
import WolkvoxAPI

@testable import WolkvoxETL

struct PipelineDateSpecTests {
    static let today = LocalDay(year: 2025, month: 3, day: 1)

    @Test(arguments: [
        ("2025-01-05", "2025-01-05"),
        ("today", "2025-03-01"),
        ("yesterday", "2025-02-28"),
        ("today-7d", "2025-02-22"),
        ("yesterday-2d", "2025-02-26"),
        ("today+1d", "2025-03-02"),
        ("Today", "2025-03-01"),
        (" yesterday ", "2025-02-28"),
    ])
    func relativeDaysResolveAgainstToday(text: String, expected: String) throws {
        let spec = try #require(DateSpec(parsing: text))
        #expect(spec.resolve(today: Self.today).description == expected)
    }

    @Test(arguments: ["2025-02-29", "2025-13-01", "25-01-01", "today-7", "today-d", "today-7w", "tomorrow", "", "today--7d", "today-٣d"])
    func badDaysDoNotParse(text: String) {
        #expect(DateSpec(parsing: text) == nil)
    }

    @Test(arguments: ["2025-01-05", "today", "yesterday", "today-7d", "yesterday-2d", "today+1d"])
    func descriptionRoundTrips(text: String) throws {
        let spec = try #require(DateSpec(parsing: text))
        #expect(spec.description == text)
        #expect(DateSpec(parsing: spec.description) == spec)
    }

    @Test func sourceDaysResolveTheRange() throws {
        let p = try PipelineFixtures.parse(
            PipelineFixtures.yaml(from: "today-7d"))
        let days = try #require(try p.source.days(today: Self.today))
        #expect(days.lowerBound.description == "2025-02-22")
        #expect(days.upperBound.description == "2025-02-28")
    }

    @Test func rangeThatResolvesBackwardsIsAnError() throws {
        let yaml = PipelineFixtures.yaml(from: "2025-03-05")
        let p = try PipelineFixtures.parse(yaml)
        #expect(throws: PipelineError.self) { try p.source.days(today: Self.today) }
    }

    @Test func snapshotReportHasNoRange() throws {
        let p = try PipelineFixtures.parse(PipelineFixtures.yaml(report: "calls_last_10"))
        #expect(try p.source.days(today: Self.today) == nil)
    }
}
