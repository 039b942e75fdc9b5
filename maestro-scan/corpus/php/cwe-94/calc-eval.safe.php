<?php
$expression = $_GET['expr'] ?? '0';
$result = is_numeric($expression) ? $expression + 0 : null;
echo json_encode(['result' => $result]);
