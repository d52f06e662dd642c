package org.fedimpute.notifications.mail;

import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * Renders each mail's HTML and plain-text bodies from Thymeleaf templates, escaping every value, with an engine of
 * its own so that mail templates never become web views.
 */
@Component
class MailRenderer {

    private final TemplateEngine html = engine(TemplateMode.HTML, ".html");
    private final TemplateEngine text = engine(TemplateMode.TEXT, ".txt");

    /** Both bodies of a mail. */
    record Bodies(String html, String text) {}

    Bodies render(MailTemplate template, Map<String, Object> model) {
        Context context = new Context(Locale.ENGLISH, model);
        String name = "mail/" + template.file();
        return new Bodies(html.process(name, context), text.process(name, context));
    }

    private static TemplateEngine engine(TemplateMode mode, String suffix) {
        ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver();
        resolver.setPrefix("templates/");
        resolver.setSuffix(suffix);
        resolver.setTemplateMode(mode);
        resolver.setCharacterEncoding("UTF-8");
        resolver.setCacheable(true);
        TemplateEngine engine = new TemplateEngine();
        engine.setTemplateResolver(resolver);
        return engine;
    }
}
