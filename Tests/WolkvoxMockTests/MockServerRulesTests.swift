import Foundation
import Testing
import WolkvoxAPI
import WolkvoxMock

struct MockServerRulesTests {
    static let bad = [
        // (path and query, status, msg)
        ("/api/v2/reports_manager.php?api=cdr_99&date_ini=20250101000000&date_end=20250101235959", 400,
         "THE API YOU WANT TO CONSULT DOES NOT EXIST"),
        ("/api/v2/reports_manager.php?api=calls_last_10&date_ini=20250101000000&date_end=20250101235959", 400,
         "THE API YOU WANT TO CONSULT DOES NOT EXIST"),
        ("/api/v2/real_time.php?api=cdr_1", 400, "THE API YOU WANT TO CONSULT DOES NOT EXIST"),
        ("/api/v2/reports_manager.php?api=cdr_1&date_ini=20250101000000", 400, "SOME PARAMETERS ARE REQUIRED"),
        ("/api/v2/reports_manager.php?date_ini=20250101000000&date_end=20250101235959", 400, "SOME PARAMETERS ARE REQUIRED"),
        ("/api/v2/reports_manager.php?api=cdr_1&date_ini=2025-01-01&date_end=20250101235959", 400, "Validate dates entered"),
        ("/api/v2/reports_manager.php?api=cdr_1&date_ini=20250230000000&date_end=20250301235959", 400, "Validate dates entered"),
        ("/api/v2/reports_manager.php?api=cdr_1&date_ini=20250102000000&date_end=20250101235959", 400, "Validate dates entered"),
        ("/api/v2/reports_manager.php?api=cdr_1&date_ini=20250101000000&date_end=20250201000000", 400,
         "THE MAXIMUM RANGE PER QUERY IS 31 DAYS"),
    ]

    @Test(arguments: bad)
    func badRequestsGetThe400TheAPISends(pathAndQuery: String, status: Int, message: String) async throws {
        try await MockServer.withRunning(MockConfiguration()) { server in
            let answer = try await get(server.baseURL, pathAndQuery)
            #expect(answer.status == status)
            let object = try answer.object()
            #expect(object["code"] as? String == String(status))
            #expect(object["msg"] as? String == message)
        }
    }

    @Test func thirtyOneWholeDaysAreAllowed() async throws {
        var configuration = MockConfiguration()
        configuration.dataset = Days.smallData
        configuration.dataset.volumeScale = 0.005
        try await MockServer.withRunning(configuration) { server in
            let answer = try await get(server.baseURL, reportPath("cdr_1", "20250101000000", "20250131235959"))
            #expect(answer.status == 200)
            let truth = server.dataset.count(report: ReportCatalog.cdr1, in: Window(days: Days.day("2025-01-01"), through: Days.day("2025-01-31")))
            #expect(try answer.rows().count == truth)
        }
    }

    @Test func unknownPathIsAnHTMLPage() async throws {
        try await MockServer.withRunning(MockConfiguration()) { server in
            let answer = try await get(server.baseURL, "/api/v3/whatever.php?api=cdr_1")
            #expect(answer.status == 404)
            #expect(answer.contentType?.hasPrefix("text/html") == true)
        }
    }

    @Test func aThirdSimultaneousRequestIsRefused() async throws {
        var configuration = MockConfiguration()
        configuration.responseDelay = .seconds(1)
        try await MockServer.withRunning(configuration) { server in
            let path = reportPath("cdr_1", "20231231000000", "20231231235959")
            let statuses = try await withThrowingTaskGroup(of: HTTPAnswer.self) { group in
                for _ in 0..<3 { group.addTask { try await get(server.baseURL, path) } }
                var answers: [HTTPAnswer] = []
                for try await answer in group { answers.append(answer) }
                return answers
            }
            let refused = statuses.filter { $0.status == 403 }
            try #require(refused.count == 1)
            #expect(try refused[0].object()["msg"] as? String == "EXCEEDS THE LIMIT OF SIMULTANEOUS REQUESTS PER TOKEN (2)")
            #expect(statuses.filter { $0.status == 404 }.count == 2)
            #expect(server.stats.maxInFlight == 2)
            #expect(server.stats.refusedBusy == 1)
            // The slots are free again once the answers are written.
            #expect(try await get(server.baseURL, path).status == 404)
        }
    }
}
