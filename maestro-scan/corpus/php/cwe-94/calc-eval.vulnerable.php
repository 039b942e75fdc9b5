<?php
$expression = $_GET['expr'] ?? '0';
$result = eval('return ' . $expression . ';');
echo json_encode(['result' => $result]);
