import Testing
import WolkvoxAPI

struct WolkvoxEndpointTests {
    @Test func serverIdBuildsTheWolkvoxHost() throws {
        #expect(WolkvoxEndpoint(server: "0002")?.baseURL == "https://wv0002.wolkvox.com")
        #expect(WolkvoxEndpoint(server: "") == nil)
        #expect(WolkvoxEndpoint(server: "00 2") == nil)
        #expect(WolkvoxEndpoint(server: "evil.com/") == nil)
    }

    @Test(arguments: [
        ("http://127.0.0.1:8080", "http://127.0.0.1:8080"), ("https://proxy.example/wolkvox/", "https://proxy.example/wolkvox"),
        ("HTTP://x", "HTTP://x"),
    ])
    func explicitBaseURLLosesItsTrailingSlash(text: String, expected: String) {
        #expect(WolkvoxEndpoint(baseURL: text)?.baseURL == expected)
    }

    @Test(arguments: ["", "ftp://x", "http://", "wv0002.wolkvox.com", "http://x?token=1"])
    func invalidBaseURLsAreRefused(text: String) {
        #expect(WolkvoxEndpoint(baseURL: text) == nil)
    }

    @Test func rangedReportURLCarriesCompactDatesAndNoToken() throws {
        let endpoint = try #require(WolkvoxEndpoint(server: "0002"))
        let day = LocalDay(year: 2025, month: 1, day: 5)
        #expect(
            endpoint.url(for: ReportCatalog.cdr1, window: Window(days: day, through: day))
                == "https://wv0002.wolkvox.com/api/v2/reports_manager.php?api=cdr_1&date_ini=20250105000000&date_end=20250105235959")
    }

    @Test func realTimeReportURLHasNoDates() throws {
        let endpoint = try #require(WolkvoxEndpoint(baseURL: "http://127.0.0.1:9/"))
        let day = LocalDay(year: 2025, month: 1, day: 5)
        #expect(endpoint.url(for: ReportCatalog.callsLast10, window: Window(days: day, through: day))
            == "http://127.0.0.1:9/api/v2/real_time.php?api=calls_last_10")
    }

    @Test func oddReportNamesArePercentEncoded() throws {
        var spec = ReportCatalog.cdr1
        spec.api = "a b&c=d"
        #expect(WolkvoxEndpoint(server: "1")!.url(for: spec, window: nil) == "https://wv1.wolkvox.com/api/v2/reports_manager.php?api=a%20b%26c%3Dd")
    }

    @Test func parametersFollowTheWindowPercentEncodedInTheOrderGiven() throws {
        let skill = try #require(ReportCatalog.report(named: "skill_1"))
        let day = LocalDay(year: 2025, month: 3, day: 1)
        let url = WolkvoxEndpoint(server: "1")!.url(
            for: skill, window: Window(days: day, through: day),
            parameters: [QueryParameter(name: "skill_id", value: "12 & 3"), QueryParameter(name: "x", value: "all")])
        #expect(url == "https://wv1.wolkvox.com/api/v2/reports_manager.php?api=skill_1&date_ini=20250301000000&date_end=20250301235959&skill_id=12%20%26%203&x=all")
    }
}
