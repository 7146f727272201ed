package io.invoicesync.platform.web;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.http.server.PathContainer;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Which path variable of the app's endpoints a refused path segment stands in. Tomcat refuses an encoded '/', '\' or
 * NUL in a path before any controller runs, so no binding can name the parameter; this matches the raw path against
 * the endpoints' templates instead, that segment read as one value, so that the refusal can say
 * "customerId may not hold ..." rather than "the URL is malformed".
 */
@Component
public class PathParameters {

    /** What Tomcat refuses in a path segment, encoded: '/', '\' and NUL. */
    private static final Pattern REFUSED = Pattern.compile("(?i)%2f|%5c|%00");
    private static final String MARK = "refused-segment-5e0c";

    private final ListableBeanFactory beans;
    private volatile Collection<PathPattern> templates;

    PathParameters(ListableBeanFactory beans) {
        this.beans = beans;
    }

    /** The name of the path variable whose segment of {@code rawPath} holds a refused character, if one does. */
    public Optional<String> holdingRefusedCharacter(String rawPath) {
        if (rawPath == null || !REFUSED.matcher(rawPath).find()) {
            return Optional.empty();
        }
        String[] segments = rawPath.split("/", -1);
        for (int i = 0; i < segments.length; i++) {
            if (REFUSED.matcher(segments[i]).find()) {
                segments[i] = MARK;
            }
        }
        PathContainer marked = PathContainer.parsePath(String.join("/", segments));
        for (PathPattern template : templates()) {
            PathPattern.PathMatchInfo match = template.matchAndExtract(marked);
            if (match != null) {
                for (Map.Entry<String, String> variable : match.getUriVariables().entrySet()) {
                    if (variable.getValue().contains(MARK)) {
                        return Optional.of(variable.getKey());
                    }
                }
            }
        }
        return Optional.empty();
    }

    private Collection<PathPattern> templates() {
        if (templates == null) {
            templates = beans.getBeansOfType(RequestMappingInfoHandlerMapping.class).values().stream()
                    .flatMap(mapping -> mapping.getHandlerMethods().keySet().stream())
                    .flatMap(info -> patternsOf(info).stream())
                    .toList();
        }
        return templates;
    }

    private static Set<PathPattern> patternsOf(RequestMappingInfo info) {
        if (info.getPathPatternsCondition() != null) {
            return info.getPathPatternsCondition().getPatterns();
        }
        return info.getPatternValues().stream().map(PathPatternParser.defaultInstance::parse)
                .collect(java.util.stream.Collectors.toSet());
    }
}
