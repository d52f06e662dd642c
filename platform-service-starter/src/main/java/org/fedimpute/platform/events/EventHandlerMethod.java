package org.fedimpute.platform.events;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import org.fedimpute.events.EventEnvelope;
import org.fedimpute.events.EventType;
import org.fedimpute.events.PlatformEvent;
import org.springframework.aop.support.AopUtils;
import org.springframework.util.ReflectionUtils;

/**
 * One {@link EventHandler} method, checked once when its bean is created, so that a wrong signature stops the
 * service at start-up rather than when its first event arrives.
 */
final class EventHandlerMethod {

    private static final Pattern CONSUMER = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    private final String consumer;
    private final Object bean;
    private final Method method;
    private final List<EventType> types;
    private final boolean takesEnvelope;

    private EventHandlerMethod(
            String consumer, Object bean, Method method, List<EventType> types, boolean takesEnvelope) {
        this.consumer = consumer;
        this.bean = bean;
        this.method = method;
        this.types = types;
        this.takesEnvelope = takesEnvelope;
    }

    static EventHandlerMethod of(Object bean, Method method, String consumer) {
        String name = method.getDeclaringClass().getSimpleName() + "." + method.getName();
        if (!CONSUMER.matcher(consumer).matches()) {
            throw new IllegalStateException(
                    "@EventHandler " + name + ": consumer '" + consumer + "' must be lower case words and dashes");
        }
        Class<?>[] parameters = method.getParameterTypes();
        boolean takesEnvelope = parameters.length == 2 && parameters[1] == EventEnvelope.class;
        if (parameters.length == 0
                || parameters.length > 2
                || (parameters.length == 2 && !takesEnvelope)
                || !PlatformEvent.class.isAssignableFrom(parameters[0])) {
            throw new IllegalStateException("@EventHandler " + name
                    + " must take an event (a PlatformEvent record or family) and optionally its EventEnvelope");
        }
        List<EventType> types = Arrays.stream(EventType.values())
                .filter(type -> parameters[0].isAssignableFrom(type.payloadType()))
                .toList();
        Method invocable = AopUtils.selectInvocableMethod(method, bean.getClass());
        ReflectionUtils.makeAccessible(invocable);
        return new EventHandlerMethod(consumer, bean, invocable, types, takesEnvelope);
    }

    String consumer() {
        return consumer;
    }

    /** The catalogue types this method receives: one for a record, all of a family's for a family. */
    List<EventType> types() {
        return types;
    }

    /** Calls the method; a checked exception it throws arrives wrapped in an unchecked one. */
    void handle(EventEnvelope<?> envelope) {
        Object[] arguments = takesEnvelope ? new Object[] {envelope.data(), envelope} : new Object[] {envelope.data()};
        ReflectionUtils.invokeMethod(method, bean, arguments);
    }

    @Override
    public String toString() {
        return method.getDeclaringClass().getSimpleName() + "." + method.getName();
    }
}
