package io.invoicesync.query.console;

import io.invoicesync.platform.security.Roles;
import io.swagger.v3.oas.annotations.Hidden;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.resource.ResourceUrlProvider;

/** The operator console: a static page under /console/, and who the caller is, so it shows only what they may do. */
@Controller
@ConditionalOnWebApplication
class ConsoleController {

    record Me(String user, List<String> roles, boolean mayAct) {

        static Me of(Authentication authentication) {
            List<String> roles = authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                    .filter(a -> a.startsWith("ROLE_")).map(a -> a.substring("ROLE_".length())).sorted().toList();
            return new Me(authentication.getName(), roles, roles.contains(Roles.INTEGRATION_ADMIN));
        }
    }

    private final ResourceUrlProvider resources;
    private final String page;

    ConsoleController(ResourceUrlProvider resources) throws IOException {
        this.resources = resources;
        this.page = new ClassPathResource("static/console/index.html").getContentAsString(StandardCharsets.UTF_8);
    }

    /** The page itself, not an API operation: kept out of the OpenAPI document. */
    @Hidden
    @GetMapping({"/console", "/console/"})
    String console() {
        return "redirect:/console/index.html";
    }

    /**
     * The page, naming its script and style by their content's hash: they may be cached for a year, the page not at
     * all, so a new version is loaded at the next visit and never mixed with an old one.
     */
    @Hidden
    @GetMapping(path = "/console/index.html", produces = MediaType.TEXT_HTML_VALUE)
    @ResponseBody
    ResponseEntity<String> page() {
        String html = page;
        for (String file : List.of("console.css", "console.js")) {
            String versioned = resources.getForLookupPath("/console/" + file);
            html = html.replace('"' + file + '"', '"' + (versioned == null ? "/console/" + file : versioned) + '"');
        }
        return ResponseEntity.ok().cacheControl(CacheControl.noCache()).body(html);
    }

    @GetMapping("/api/me")
    @ResponseBody
    Me me(Authentication authentication) {
        return Me.of(authentication);
    }
}
