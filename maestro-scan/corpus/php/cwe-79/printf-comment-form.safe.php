<?php
$name = htmlspecialchars($_POST['name'] ?? 'Anonymous', ENT_QUOTES);
$message = htmlspecialchars($_POST['message'] ?? '', ENT_QUOTES);
printf('<div class="comment"><strong>%s</strong><p>%s</p></div>', $name, $message);
