package com.example.calc;

import org.apache.commons.jexl3.JexlBuilder;
import org.apache.commons.jexl3.JexlEngine;
import org.apache.commons.jexl3.JexlExpression;
import org.apache.commons.jexl3.MapContext;

public class Calc {
    public static void main(String[] args) {
        JexlEngine jexl = new JexlBuilder().create();
        MapContext ctx = new MapContext();
        ctx.set("rate", 0.2);
        ctx.set("amount", Double.parseDouble(args[0]));
        JexlExpression expr = jexl.createExpression("amount * rate");
        System.out.println(expr.evaluate(ctx));
    }
}
