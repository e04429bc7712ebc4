/// The bodies of injected faults.
extension MockRules {
    /// The daily quota is spent: the client must stop and resume tomorrow.
    static let quotaSpent = error(403, "Forbidden", "TOKEN LIMIT EXCEEDED")

    static let maintenanceMessage = "SERVER UNDER MAINTENANCE, PLEASE TRY AGAIN LATER"
    static let maintenanceJSON = error(403, "Forbidden", maintenanceMessage)
    static let maintenancePage = """
        <!DOCTYPE html><html><head><title>Service under maintenance</title></head>\
        <body><h1>Service under maintenance</h1><p>We are performing scheduled maintenance. \
        Please try again later.</p></body></html>
        """

    /// What Apache serves when the PHP behind it fails.
    static let serverErrorPage = """
        <!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">
        <html><head>
        <title>500 Internal Server Error</title>
        </head><body>
        <h1>Internal Server Error</h1>
        <p>The server encountered an internal error or
        misconfiguration and was unable to complete
        your request.</p>
        </body></html>
        """

    /// Junk spliced into a 200 body between two records (or right after `[`). Each makes the
    /// JSON invalid wherever it lands: a PHP warning printed into the output, and stray brackets.
    static let garbage: [[UInt8]] = [
        Array("""
            <br />
            <b>Warning</b>:  Undefined array key "conn_id" in <b>/var/www/html/api/v2/reports_manager.php</b> on line <b>214</b><br />

            """.utf8),
        Array("}]}{".utf8),
    ]
}
