/// What a data source reads: an endpoint of the catalogue or a custom URL.
public enum DataSourceTarget: Codable, Sendable, Equatable, Hashable {
    /// A catalogue endpoint (`CatalogueEndpoint.id`, e.g. `contacts`), with values for its path
    /// parameters (`contact_id` → `42`) and extra query parameters (`optional_properties` → …).
    case endpoint(id: String, pathParameters: [String: String] = [:], query: [String: String] = [:])
    /// A full URL on the account's API base, e.g. `https://api.infusionsoft.com/crm/rest/v1/tags`.
    case customURL(String)

    /// The endpoint id, or nil for a custom URL.
    public var endpointID: String? {
        if case .endpoint(let id, _, _) = self { return id }
        return nil
    }

    /// The custom URL, or nil for an endpoint.
    public var customURL: String? {
        if case .customURL(let url) = self { return url }
        return nil
    }

    /// A short description for lists: the endpoint id with its parameters, or the URL.
    public var summary: String {
        switch self {
        case .endpoint(let id, let pathParameters, let query):
            let parameters = (pathParameters.sorted { $0.key < $1.key } + query.sorted { $0.key < $1.key })
                .map { "\($0.key)=\($0.value)" }
            return parameters.isEmpty ? id : "\(id) (\(parameters.joined(separator: ", ")))"
        case .customURL(let url):
            return url
        }
    }
}

/// How a data source connects. Only Keap (Infusionsoft) for now.
public enum ConnectionType: String, Codable, Sendable, CaseIterable {
    case infusionsoft

    /// The name shown in the connection picker.
    public var label: String {
        switch self {
        case .infusionsoft: "Infusionsoft (Keap)"
        }
    }
}

/// The format of the responses a data source reads. Only JSON for now.
public enum DataFormat: String, Codable, Sendable, CaseIterable {
    case json

    /// The name shown in the form.
    public var label: String {
        switch self {
        case .json: "JSON"
        }
    }
}
