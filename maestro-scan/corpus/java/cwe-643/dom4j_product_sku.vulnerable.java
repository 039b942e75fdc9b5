package com.example.inventory;

import java.util.List;
import org.dom4j.Document;
import org.dom4j.DocumentHelper;
import org.dom4j.Node;
import org.dom4j.XPath;
import org.jaxen.SimpleVariableContext;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class StockController {
    private final Document inventory;

    public StockController(Document inventory) {
        this.inventory = inventory;
    }

    @GetMapping("/stock/{sku}")
    public String stock(@PathVariable String sku) {
        XPath xpath = DocumentHelper.createXPath("//product[@sku='" + sku + "']/stock");
        List<Node> nodes = xpath.selectNodes(inventory);
        return nodes.isEmpty() ? "0" : nodes.get(0).getText();
    }
}
