package com.example.reports;

import java.util.Map;
import org.springframework.expression.EvaluationContext;
import org.springframework.expression.Expression;
import org.springframework.expression.spel.standard.SpelExpressionParser;
import org.springframework.expression.spel.support.SimpleEvaluationContext;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class ReportFilterController {
    private final SpelExpressionParser parser = new SpelExpressionParser();

    @PostMapping("/reports/filter")
    public Object filter(@RequestBody Map<String, String> body) {
        Expression expr = parser.parseExpression(body.get("condition"));
        EvaluationContext ctx = SimpleEvaluationContext.forReadOnlyDataBinding()
                .withRootObject(new ReportRow(42, "EMEA")).build();
        return expr.getValue(ctx);
    }

    public record ReportRow(int total, String region) {}
}
