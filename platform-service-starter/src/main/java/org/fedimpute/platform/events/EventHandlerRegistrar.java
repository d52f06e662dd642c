package org.fedimpute.platform.events;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.fedimpute.events.EventStream;
import org.fedimpute.events.EventType;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.annotation.AnnotationUtils;

/**
 * Collects the {@link EventHandler} methods of every bean as the bean is created, so that the consumers know what
 * to subscribe to by the time they start.
 */
final class EventHandlerRegistrar implements BeanPostProcessor {

    private final List<EventHandlerMethod> methods = new CopyOnWriteArrayList<>();

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        Class<?> type = AopUtils.getTargetClass(bean);
        if (AnnotationUtils.isCandidateClass(type, EventHandler.class)) {
            Map<Method, EventHandler> annotated =
                    MethodIntrospector.selectMethods(type, (MethodIntrospector.MetadataLookup<EventHandler>)
                            method -> AnnotatedElementUtils.findMergedAnnotation(method, EventHandler.class));
            annotated.forEach(
                    (method, annotation) -> methods.add(EventHandlerMethod.of(bean, method, annotation.consumer())));
        }
        return bean;
    }

    /** One subscription per consumer and stream; a consumer with two methods for one type is refused. */
    List<EventSubscription> subscriptions() {
        Map<String, Map<EventStream, Map<String, EventHandlerMethod>>> byConsumer = new TreeMap<>();
        for (EventHandlerMethod method : methods) {
            for (EventType type : method.types()) {
                EventHandlerMethod previous = byConsumer
                        .computeIfAbsent(method.consumer(), consumer -> new TreeMap<>())
                        .computeIfAbsent(type.stream(), stream -> new TreeMap<>())
                        .putIfAbsent(type.typeName(), method);
                if (previous != null) {
                    throw new IllegalStateException("Consumer '" + method.consumer() + "' has two handlers for "
                            + type.typeName() + ": " + previous + " and " + method);
                }
            }
        }
        List<EventSubscription> subscriptions = new ArrayList<>();
        byConsumer.forEach((consumer, streams) -> streams.forEach(
                (stream, handlers) -> subscriptions.add(new EventSubscription(consumer, stream, handlers))));
        return subscriptions;
    }
}
