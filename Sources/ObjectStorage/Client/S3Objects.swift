package import Foundation

/// An object as a listing or a HEAD describes it.
package struct S3Object: Sendable, Hashable {
    package var key: String
    package var size: Int
    /// Without quotes.
    package var eTag: String
    /// As the server wrote it (ISO 8601 in listings, HTTP date in HEAD).
    package var lastModified: String
}

/// One page of a ListObjectsV2 answer.
package struct S3ObjectPage: Sendable, Hashable {
    package var objects: [S3Object]
    /// Pass to the next request; nil on the last page.
    package var continuationToken: String?
}

/// A multipart upload started and neither completed nor aborted.
package struct S3MultipartUpload: Sendable, Hashable {
    package var key: String
    package var uploadID: String
    package var initiated: String
}

/// A part uploaded, for CompleteMultipartUpload.
package struct S3UploadedPart: Sendable, Hashable {
    package var number: Int
    package var eTag: String
}

/// An object read whole, with what dates it.
package struct S3ObjectContent: Sendable, Hashable {
    package var bytes: [UInt8]
    /// Without quotes.
    package var eTag: String
    /// When the object was last written, by the server's clock (second precision).
    package var lastModified: Date
    /// The server's clock when it answered.
    package var serverDate: Date

    package init(bytes: [UInt8], eTag: String, lastModified: Date, serverDate: Date) {
        self.bytes = bytes
        self.eTag = eTag
        self.lastModified = lastModified
        self.serverDate = serverDate
    }
}
