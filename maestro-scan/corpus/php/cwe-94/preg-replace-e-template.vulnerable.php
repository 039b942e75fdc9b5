<?php
$template = file_get_contents(__DIR__ . '/greeting.tpl');
$pattern = $_GET['pattern'] ?? '/\{(\w+)\}/e';
$vars = ['name' => 'Ada', 'plan' => 'pro'];
echo preg_replace($pattern, '$vars["\\1"]', $template);
