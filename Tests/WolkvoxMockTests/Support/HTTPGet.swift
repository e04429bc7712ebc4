import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// One answer of the mock, read whole (tests only: the bodies here are small).
struct HTTPAnswer: Sendable {
    var status: Int
    var body: Data
    var contentType: String?

    var text: String { String(decoding: body, as: UTF8.self) }

    /// The body as a JSON object (Foundation is fine in tests; the mock never uses it).
    func object() throws -> [String: Any] {
        let value = try JSONSerialization.jsonObject(with: body)
        return try #require(value as? [String: Any], "body is not a JSON object: \(text.prefix(200))")
    }

    /// `data` as rows of field name -> value.
    func rows() throws -> [[String: String]] {
        let data = try object()["data"]
        let list = try #require(data as? [[String: Any]], "data is not a list of objects")
        return try list.map { row in try row.mapValues { try #require($0 as? String, "a value is not a string") } }
    }
}

import Testing

/// GETs `base + pathAndQuery`, with the `wolkvox-token` header when `token` is given.
func get(_ base: String, _ pathAndQuery: String, token: String? = "mock-token") async throws -> HTTPAnswer {
    let url = try #require(URL(string: base + pathAndQuery))
    var request = URLRequest(url: url)
    request.timeoutInterval = 60
    if let token { request.setValue(token, forHTTPHeaderField: "wolkvox-token") }
    let (data, response) = try await URLSession.shared.data(for: request)
    let http = try #require(response as? HTTPURLResponse)
    return HTTPAnswer(status: http.statusCode, body: data, contentType: http.value(forHTTPHeaderField: "Content-Type"))
}

/// The query path of a reports_manager request.
func reportPath(_ report: String, _ ini: String, _ end: String) -> String {
    "/api/v2/reports_manager.php?api=\(report)&date_ini=\(ini)&date_end=\(end)"
}
