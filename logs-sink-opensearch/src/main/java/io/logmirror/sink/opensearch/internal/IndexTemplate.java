package io.logmirror.sink.opensearch.internal;

/** The composable index template every daily index is created with. */
final class IndexTemplate {

    private IndexTemplate() {
    }

    static String json(String prefix) {
        return """
                {
                  "index_patterns": ["%s-*"],
                  "priority": 100,
                  "template": {
                    "settings": {"number_of_shards": 1, "refresh_interval": "1s"},
                    "mappings": {
                      "dynamic": "strict",
                      "properties": {
                        "time": {"type": "date"},
                        "cluster": {"type": "keyword"},
                        "category": {"type": "keyword"},
                        "path": {"type": "keyword"},
                        "offset": {"type": "long"},
                        "line_number": {"type": "long"},
                        "level": {"type": "keyword"},
                        "pattern": {"type": "keyword"},
                        "job_id": {"type": "keyword"},
                        "message": {"type": "text"}
                      }
                    }
                  }
                }
                """.formatted(prefix);
    }
}
