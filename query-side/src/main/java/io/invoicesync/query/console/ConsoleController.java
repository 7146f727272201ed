package io.invoicesync.query.console;

import io.invoicesync.platform.security.Roles;
import io.swagger.v3.oas.annotations.Hidden;
import java.util.List;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseBody;

/** The operator console: a static page under /console/, and who the caller is, so it shows only what they may do. */
@Controller
class ConsoleController {

    record Me(String user, List<String> roles, boolean mayAct) {

        static Me of(Authentication authentication) {
            List<String> roles = authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                    .filter(a -> a.startsWith("ROLE_")).map(a -> a.substring("ROLE_".length())).sorted().toList();
            return new Me(authentication.getName(), roles, roles.contains(Roles.INTEGRATION_ADMIN));
        }
    }

    /** The page itself, not an API operation: kept out of the OpenAPI document. */
    @Hidden
    @GetMapping({"/console", "/console/"})
    String console() {
        return "redirect:/console/index.html";
    }

    @GetMapping("/api/me")
    @ResponseBody
    Me me(Authentication authentication) {
        return Me.of(authentication);
    }
}
