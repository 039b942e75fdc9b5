<?php
$name = $_FILES['image']['name'];
$target = '/var/www/uploads/' . basename($name);
move_uploaded_file($_FILES['image']['tmp_name'], $target);

$thumb = preg_replace('/\.\w+$/', '_thumb.jpg', $target);
exec("convert {$target} -resize 300x300 {$thumb}", $out, $status);
echo $status === 0 ? 'ok' : 'failed';
