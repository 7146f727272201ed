package io.invoicesync.platform.security;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Collection;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;

/**
 * Whether a request names an endpoint of this app (a controller or an Actuator endpoint, whatever its method): a
 * mistyped path is then answered 404, not "your role may not", though the security rules deny it before anything runs.
 */
@Component
class KnownEndpoints {

    private final ListableBeanFactory beans;
    private volatile Collection<RequestMappingInfoHandlerMapping> mappings;

    KnownEndpoints(ListableBeanFactory beans) {
        this.beans = beans;
    }

    boolean isKnown(HttpServletRequest request) {
        if (mappings == null) {
            mappings = beans.getBeansOfType(RequestMappingInfoHandlerMapping.class).values();
        }
        for (RequestMappingInfoHandlerMapping mapping : mappings) {
            try {
                if (mapping.getHandler(request) != null) {
                    return true;
                }
            } catch (Exception e) {
                // The path matched but not the method or the media type: a known endpoint, asked the wrong way.
                return true;
            }
        }
        return false;
    }
}
