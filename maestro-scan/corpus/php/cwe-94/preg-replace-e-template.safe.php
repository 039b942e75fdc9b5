<?php
$template = file_get_contents(__DIR__ . '/greeting.tpl');
$vars = ['name' => 'Ada', 'plan' => 'pro'];
echo preg_replace_callback('/\{(\w+)\}/', fn ($m) => $vars[$m[1]] ?? '', $template);
